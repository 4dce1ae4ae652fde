using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TfNotes.Cli.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes tune</c>: tunes the notes' MLP on Fashion-MNIST with the TfNotes.Tuning library — random search on the
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
        var storage = new Option<string?>("--storage") { Description = "sqlite:PATH or postgresql://user@host:port/db (default: sqlite:OUTPUT/study.db)" };
        var output = new Option<string?>("--output") { Description = "folder for plots and exports (default: runs/tune-STUDY)" };
        var trials = Positive("--trials", "finished (complete or pruned) trials to reach", 30, ParseInt);
        var workers = Positive("--workers", "worker processes, each with its share of the cores", 1, ParseInt);
        var epochs = Positive("--epochs", "epochs per trial (the validation accuracy is reported after each)", 3, ParseInt);
        var sampler = Choice("--sampler", "random (the notes' advice), tpe, or grid (the worse choice the notes warn about)", Samplers);
        var pruner = Choice("--pruner", "none, median, asha (successive halving) or hyperband", Pruners);
        var coarseToFine = new Option<bool>("--coarse-to-fine") { Description = $"{TuneStudy.CoarseToFinePhases} phases, each zooming in on the best trials so far" };
        var seed = new Option<int?>("--seed") { Description = "seeds the sampler and the models' initialization" };
        var json = new Option<bool>("--json") { Description = "end with one JSON line of results" };
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

        var command = new Command("tune", "Tune the notes' MLP on Fashion-MNIST: learning rate, β1, hidden sizes, batch size, batch norm")
        {
            study, storage, output, trials, workers, epochs, sampler, pruner, coarseToFine, seed, json, trainSubset, dataDir,
            validation, heartbeatGrace, learningRate, hidden, worker, threads, parentPid,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(study)!;
            var folder = parse.GetValue(output) ?? Path.Combine("runs", $"tune-{name}");
            var settings = new TuneSettings
            {
                Study = name,
                OutputDirectory = folder,
                Storage = parse.GetValue(storage) ?? $"sqlite:{Path.Combine(folder, "study.db")}",
                Trials = parse.GetValue(trials),
                Workers = parse.GetValue(workers),
                Epochs = parse.GetValue(epochs),
                Sampler = parse.GetValue(sampler)!,
                Pruner = parse.GetValue(pruner)!,
                CoarseToFine = parse.GetValue(coarseToFine),
                Seed = parse.GetValue(seed),
                Json = parse.GetValue(json),
                TrainSubset = parse.GetValue(trainSubset),
                DataDir = parse.GetValue(dataDir),
                Validation = parse.GetValue(validation),
                HeartbeatGrace = TimeSpan.FromSeconds(parse.GetValue(heartbeatGrace)),
                LearningRate = parse.GetValue(learningRate),
                Hidden = parse.GetValue(hidden),
            };
            try
            {
                return parse.GetValue(worker) is { } index
                    ? TuneWorker.RunProcess(settings, index, parse.GetValue(threads), parse.GetValue(parentPid))
                    : await TuneRun.RunAsync(settings, cancellation);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                Console.Error.WriteLine($"tfnotes tune: {e.Message.ReplaceLineEndings(" ")}");
                return e is ArgumentException or FormatException or FileNotFoundException ? 2 : 1;
            }
        });
        return command;
    }

    /// <summary>Why <paramref name="url"/> names no storage (checked before any connection), or null.</summary>
    static string? StorageProblem(string url)
    {
        try
        {
            if (url.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)) StorageUrl.ToNpgsqlConnectionString(url);
            else if (!url.Contains("Host=", StringComparison.OrdinalIgnoreCase)) StorageUrl.SqlitePath(url);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            return e.Message;
        }
    }

    static Option<T> Positive<T>(string name, string description, T defaultValue, Func<string, T?> parse)
        where T : struct, IComparable<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => PositiveValue(result, name, parse) ?? defaultValue,
    };

    /// <summary>The option's value if it is a positive number; otherwise null and a one-line error naming the option.</summary>
    static T? PositiveValue<T>(ArgumentResult result, string name, Func<string, T?> parse) where T : struct, IComparable<T>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (parse(text) is { } value && value.CompareTo(default) > 0) return value;
        result.AddError($"{name} must be a positive number (got '{text}')");
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
