using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning;

/// <summary>A trial as stored: what samplers, pruners, exports and consoles read.</summary>
public sealed class FrozenTrial
{
    /// <summary>Storage-wide identifier (unique across studies).</summary>
    public required long Id { get; init; }

    /// <summary>0, 1, 2, … within the study; unique even with many workers.</summary>
    public required int Number { get; init; }

    public required TrialState State { get; init; }

    /// <summary>Objective value of a complete trial; last intermediate value of a pruned one; else null.</summary>
    public double? Value { get; init; }

    /// <summary>Coarse-to-fine phase the trial was sampled in (0 = coarse, or the only phase).</summary>
    public int Phase { get; init; }

    /// <summary>Parameter values as the objective saw them (double, int or the chosen categorical).</summary>
    public IReadOnlyDictionary<string, object?> Params { get; init; } = new Dictionary<string, object?>();

    /// <summary>Internal parameter values (categorical: index), what samplers learn from.</summary>
    public IReadOnlyDictionary<string, double> InternalParams { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = new Dictionary<string, Distribution>();

    /// <summary>Values reported with <see cref="Trial.Report"/>, by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = new Dictionary<int, double>();

    /// <summary>Free-form key/value notes (user attributes and pruner bookkeeping).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why a failed trial failed (exception message, NaN, stale heartbeat).</summary>
    public string? FailureReason { get; init; }

    public TimeSpan? Duration => CompletedAt - StartedAt;

    public int? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();
}
