using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning;

/// <summary>A trial as stored: what samplers, pruners, exports and consoles read (Optuna's FrozenTrial).</summary>
public sealed class FrozenTrial
{
    /// <summary>System attribute Optuna 2 and TfNotes record a failed trial's reason under.</summary>
    public const string FailReasonKey = "fail_reason";

    /// <summary>System attribute of the coarse-to-fine phase (absent: phase 0).</summary>
    public const string PhaseKey = "tfnotes:phase";

    /// <summary>System attribute prefix of a parameter's TfNotes scale that Optuna has no name for (reverse_log).</summary>
    public const string ScaleKeyPrefix = "tfnotes:scale:";

    /// <summary>Storage-wide identifier (unique across studies).</summary>
    public required long Id { get; init; }

    /// <summary>0, 1, 2, … within the study; unique even with many workers.</summary>
    public required int Number { get; init; }

    /// <summary>Running, complete, pruned or failed.</summary>
    public required TrialState State { get; init; }

    /// <summary>Objective value of a complete trial; last intermediate value of a pruned one; else null.</summary>
    public double? Value { get; init; }

    /// <summary>Coarse-to-fine phase the trial was sampled in (0 = coarse, or the only phase).</summary>
    public int Phase => AttributeJson.AsNumber(SystemAttributes.GetValueOrDefault(PhaseKey)) is { } phase ? (int)phase : 0;

    /// <summary>Parameter values as the objective saw them (double, int or the chosen categorical).</summary>
    public IReadOnlyDictionary<string, object?> Params { get; init; } = new Dictionary<string, object?>();

    /// <summary>Internal parameter values (categorical: index), what samplers learn from.</summary>
    public IReadOnlyDictionary<string, double> InternalParams { get; init; } = new Dictionary<string, double>();

    /// <summary>Each parameter's distribution, by name.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } = new Dictionary<string, Distribution>();

    /// <summary>Values reported with <see cref="Trial.Report"/>, by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = new Dictionary<int, double>();

    /// <summary>The user's notes (Optuna's user_attrs), e.g. a retrained model's test accuracy.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>Bookkeeping of samplers, pruners and TfNotes (Optuna's system_attrs): rung values, phase, failure reason.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>When the trial started; null if not recorded.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When the trial finished; null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why a failed trial failed (exception message, NaN, stale heartbeat, interrupted).</summary>
    public string? FailureReason => SystemAttributes.GetValueOrDefault(FailReasonKey) as string;

    /// <summary><see cref="CompletedAt"/> − <see cref="StartedAt"/>; null while either is unknown.</summary>
    public TimeSpan? Duration => CompletedAt - StartedAt;

    /// <summary>The largest step reported; null when none was.</summary>
    public int? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();
}
