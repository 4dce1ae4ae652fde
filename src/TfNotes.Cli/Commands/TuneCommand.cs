using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TfNotes.Cli.Tune;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes tune</c>: tunes the notes' three-layer network on Fashion-MNIST with the TfNotes.Tuning library — random search on the
/// notes' scales (or TPE, or a grid), optional coarse-to-fine and pruning, one SQLite or PostgreSQL study shared by
/// K worker processes, resumable.
/// </summary>
internal static class TuneCommand
{
    static readonly string[] Samplers = ["random", "tpe", "grid"];
    static readonly string[] Pruners = ["none", "median", "asha", "hyperband"];

    public static Command Create()
    {
        var study = new Option<string>("--study") { Description = "study name (resumed if it exists in the storage)", Required = true };
        var storage = new Option<string?>("--storage")
        {
            Description = "sqlite:PATH or postgresql://user@host:port/db[?connect_timeout=S&retry_budget=S], in Optuna's schema " +
                          "(default: sqlite:OUTPUT/study.db)",
        };
        var output = new Option<string?>("--output") { Description = "folder for plots and exports (default: runs/tune-STUDY)" };
        var trials = Positive("--trials", "finished (complete or pruned) trials to reach", 30, ParseInt);
        var workers = Positive("--workers", "worker processes, each with its share of the cores (capped at the cores and the trials still needed)",
            1, ParseInt, max: TuneRun.MaxWorkers);
        var epochs = Positive("--epochs", "epochs per trial (the validation accuracy is reported after each)", 3, ParseInt);
        var sampler = Choice("--sampler", "random (the notes' advice), tpe, or grid (the worse choice the notes warn about)", Samplers);
        var pruner = Choice("--pruner", "none, median, asha (successive halving) or hyperband", Pruners);
        var coarseToFine = new Option<bool>("--coarse-to-fine") { Description = $"{TuneStudy.CoarseToFinePhases} phases, each zooming in on the best trials so far" };
        var seed = new Option<int?>("--seed") { Description = "seeds the sampler and the models' initialization" };
        var json = new Option<bool>("--json") { Description = "end with one JSON line of results" };
        var forceSettings = new Option<bool>("--force-settings")
        {
            Description = "continue a study created with other settings (epochs, ranges, sampler, pruner, data): this run's are recorded",
        };
        var trainSubset = new Option<int?>("--train-subset")
        {
            Description = "train trials on the first N training examples after the validation ones (default: all)",
            CustomParser = result => PositiveValue(result, "--train-subset", ParseInt),
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "folder with the Fashion-MNIST files (default: the repository's data/, $TFNOTES_DATA, …)" };
        var validation = Positive("--validation", "training examples held out to validate on (never the test set)", 10_000, ParseInt);
        var heartbeatGrace = Positive("--heartbeat-grace", "seconds after which a silent running trial is failed", 20.0, ParseDouble);
        var learningRate = RangeOption("--learning-rate", "learning-rate range LOW:HIGH (log-uniform)", new Range<double>(1e-4, 1e-1), ParseDouble);
        var hidden = RangeOption("--hidden", "hidden-layer size range LOW:HIGH (log-uniform)", new Range<int>(16, 512), ParseInt);
        var worker = new Option<int?>("--worker") { Hidden = true };
        var threads = new Option<int>("--threads") { Hidden = true, DefaultValueFactory = _ => Environment.ProcessorCount };
        var parentPid = new Option<int>("--parent-pid") { Hidden = true };
        study.Validators.Add(r => { if (string.IsNullOrWhiteSpace(r.GetValue(study))) r.AddError("--study must not be empty"); });
        storage.Validators.Add(r =>
        {
            if (StorageProblem(r.GetValue(storage)!) is { } problem) r.AddError($"--storage: {problem.ReplaceLineEndings(" ")}");
        });

        var command = new Command("tune", "Tune the notes' three-layer network on Fashion-MNIST: learning rate, β1, hidden sizes, batch size, batch norm")
        {
            study, storage, output, trials, workers, epochs, sampler, pruner, coarseToFine, seed, json, forceSettings, trainSubset, dataDir,
            validation, heartbeatGrace, learningRate, hidden, worker, threads, parentPid,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(study)!;
            var folder = parse.GetValue(output) ?? Path.Combine("runs", $"tune-{name}");
            var workerIndex = parse.GetValue(worker);
            var settings = new TuneSettings
            {
                Study = name,
                OutputDirectory = folder,
                Storage = parse.GetValue(storage)
                          ?? (workerIndex is null ? null : Environment.GetEnvironmentVariable(WorkerProcesses.StorageVariable))
                          ?? $"sqlite:{Path.Combine(folder, "study.db")}",
                Trials = parse.GetValue(trials),
                Workers = parse.GetValue(workers),
                Epochs = parse.GetValue(epochs),
                Sampler = parse.GetValue(sampler)!,
                Pruner = parse.GetValue(pruner)!,
                CoarseToFine = parse.GetValue(coarseToFine),
                Seed = parse.GetValue(seed),
                Json = parse.GetValue(json),
                ForceSettings = parse.GetValue(forceSettings),
                TrainSubset = parse.GetValue(trainSubset),
                DataDir = parse.GetValue(dataDir),
                Validation = parse.GetValue(validation),
                HeartbeatGrace = TimeSpan.FromSeconds(parse.GetValue(heartbeatGrace)),
                LearningRate = parse.GetValue(learningRate),
                Hidden = parse.GetValue(hidden),
            };
            return workerIndex is { } index
                ? TuneWorker.RunProcess(settings, index, parse.GetValue(threads), parse.GetValue(parentPid))
                : await TuneRun.RunAsync(settings, cancellation);
        });
        return command;
    }

    /// <summary>Why <paramref name="url"/> names no storage (checked before any connection), or null.</summary>
    static string? StorageProblem(string url)
    {
        try
        {
            StorageUrl.Validate(url);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    static Option<T> Positive<T>(string name, string description, T defaultValue, Func<string, T?> parse, T? max = null)
        where T : struct, IComparable<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => PositiveValue(result, name, parse, max) ?? defaultValue,
    };

    /// <summary>The option's value if it is a positive number (at most <paramref name="max"/>); otherwise null and a one-line error naming the option.</summary>
    static T? PositiveValue<T>(ArgumentResult result, string name, Func<string, T?> parse, T? max = null) where T : struct, IComparable<T>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (parse(text) is not { } value || value.CompareTo(default) <= 0) result.AddError($"{name} must be a positive number (got '{text}')");
        else if (max is { } limit && value.CompareTo(limit) > 0) result.AddError($"{name} must be at most {limit} (got {text})");
        else return value;
        return null;
    }

    static Option<string> Choice(string name, string description, string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => choices[0] };
        option.Validators.Add(r =>
        {
            if (!choices.Contains(r.GetValue(option))) r.AddError($"{name} must be one of {string.Join(", ", choices)} (got '{r.GetValue(option)}')");
        });
        return option;
    }

    /// <summary>An option written LOW:HIGH with 0 &lt; LOW &lt; HIGH.</summary>
    static Option<Range<T>> RangeOption<T>(string name, string description, Range<T> defaultValue, Func<string, T?> parse)
        where T : struct, IComparable<T>, IFormattable => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var parts = text.Split(':');
            if (parts.Length == 2 && parse(parts[0]) is { } low && parse(parts[1]) is { } high && low.CompareTo(default) > 0 && low.CompareTo(high) < 0)
                return new Range<T>(low, high);
            result.AddError($"{name} must be LOW:HIGH with 0 < LOW < HIGH (got '{text}')");
            return defaultValue;
        },
    };

    static double? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    static int? ParseInt(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
}
