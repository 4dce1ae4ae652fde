using System.Globalization;

namespace TfNotes.Cli.Tune;

/// <summary>Everything <c>tfnotes tune</c> was asked to do, as the coordinator and every worker process see it.</summary>
internal sealed record TuneSettings
{
    public required string Study { get; init; }
    public required string Storage { get; init; }
    public required string OutputDirectory { get; init; }
    public int Trials { get; init; } = 30;
    public int Workers { get; init; } = 1;
    public int Epochs { get; init; } = 3;
    public string Sampler { get; init; } = "random";
    public string Pruner { get; init; } = "none";
    public bool CoarseToFine { get; init; }
    public int? Seed { get; init; }
    public bool Json { get; init; }

    /// <summary>Training examples per trial (null: all that the validation split leaves).</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Examples held out of the training set to validate on (the last ones of it; never the test set).</summary>
    public int Validation { get; init; } = 10_000;

    /// <summary>Folder with the Fashion-MNIST files (null: load_data's usual places).</summary>
    public string? DataDir { get; init; }

    public TimeSpan HeartbeatGrace { get; init; } = TimeSpan.FromSeconds(20);
    public Range<double> LearningRate { get; init; } = new(1e-4, 1e-1);
    public Range<int> Hidden { get; init; } = new(16, 512);

    /// <summary>Continue a study whose recorded settings differ from these (which are then recorded).</summary>
    public bool ForceSettings { get; init; }

    /// <summary>
    /// What makes trials of one study comparable, recorded with the study at creation: the objective, the search space,
    /// the epochs, the data, the sampler and the pruner. (The trial budget, seed and worker count may change.)
    /// </summary>
    public IReadOnlyDictionary<string, string> Recorded() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["objective"] = "validation accuracy (maximize)",
        ["--learning-rate"] = $"{LearningRate}",
        ["--hidden"] = $"{Hidden}",
        ["--epochs"] = $"{Epochs}",
        ["--train-subset"] = TrainSubset is { } subset ? $"{subset}" : "all",
        ["--validation"] = $"{Validation}",
        ["--sampler"] = Sampler,
        ["--pruner"] = Pruner,
        ["--coarse-to-fine"] = CoarseToFine ? "on" : "off",
    };

    /// <summary>The arguments a worker process needs to run trials of this study (the storage goes in its environment).</summary>
    public IEnumerable<string> WorkerArguments(int workerIndex, int threads, int parentProcessId)
    {
        string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "tune", "--study", Study, "--output", OutputDirectory,
            "--trials", $"{Trials}", "--epochs", $"{Epochs}", "--sampler", Sampler, "--pruner", Pruner,
            "--validation", $"{Validation}", "--heartbeat-grace", Number(HeartbeatGrace.TotalSeconds),
            "--learning-rate", $"{LearningRate}", "--hidden", $"{Hidden}",
            "--worker", $"{workerIndex}", "--threads", $"{threads}", "--parent-pid", $"{parentProcessId}",
        };
        if (CoarseToFine) arguments.Add("--coarse-to-fine");
        if (Seed is { } seed) arguments.AddRange(["--seed", $"{seed}"]);
        if (TrainSubset is { } subset) arguments.AddRange(["--train-subset", $"{subset}"]);
        if (DataDir is { } dataDir) arguments.AddRange(["--data-dir", dataDir]);
        return arguments;
    }
}

/// <summary>A closed range written <c>LOW:HIGH</c> on the command line (and so in help and worker arguments).</summary>
internal readonly record struct Range<T>(T Low, T High) where T : struct, IFormattable
{
    public override string ToString() => $"{Text(Low)}:{Text(High)}";

    static string Text(T value) => value.ToString(null, CultureInfo.InvariantCulture); // shortest round-trip text for doubles
}
