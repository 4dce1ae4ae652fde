using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// Where studies and trials live. Every method is atomic and safe to call from many threads and, for the
/// SQL storages, from many processes at once. Attribute values are JSON-able: numbers, strings, bools, null.
/// </summary>
public interface IStorage : IDisposable
{
    /// <summary>
    /// The id of study <paramref name="name"/>, created if missing; throws if it exists with another direction, has
    /// several objectives or has WAITING (enqueued) trials.
    /// </summary>
    int CreateOrLoadStudy(string name, StudyDirection direction);

    /// <summary>
    /// In one transaction: fails running trials whose heartbeat is older than <paramref name="staleAfter"/>,
    /// then creates a running trial with the next number unless the finished (complete or pruned) trials
    /// reach <paramref name="maxFinishedTrials"/> or finished plus running ones already fill it.
    /// </summary>
    TrialSlot TryCreateTrial(int studyId, int maxFinishedTrials, int phase, TimeSpan staleAfter);

    /// <summary>Marks running trials whose heartbeat is older than <paramref name="staleAfter"/> as failed; returns how many.</summary>
    int FailStaleTrials(int studyId, TimeSpan staleAfter);

    /// <summary>Tells the others this running trial's worker is alive.</summary>
    void RecordHeartbeat(long trialId);

    /// <summary>
    /// Records a parameter; throws <see cref="ArgumentException"/> if an earlier trial of the study has the name with
    /// another kind of distribution (<see cref="Distribution.IsSameKind"/>, Optuna's check).
    /// </summary>
    void SetParam(long trialId, string name, double internalValue, Distribution distribution);

    /// <summary>Records the intermediate value of a trial at <paramref name="step"/> (a NaN or infinity too, as
    /// Optuna).</summary>
    void SetIntermediateValue(long trialId, int step, double value);

    /// <summary>Sets a user attribute of a trial (Optuna's <c>set_trial_user_attr</c>).</summary>
    void SetUserAttribute(long trialId, string key, object? value);

    /// <summary>Sets a system attribute of a trial (Optuna's <c>set_trial_system_attr</c>).</summary>
    void SetSystemAttribute(long trialId, string key, object? value);

    /// <summary>Ends a running trial; false if it was no longer running (another worker failed it as stale).</summary>
    bool FinishTrial(long trialId, TrialState state, double? value, string? failureReason);

    /// <summary>Every trial of the study, in the order they were created.</summary>
    IReadOnlyList<FrozenTrial> GetTrials(int studyId);

    /// <summary>One trial by its storage-wide id.</summary>
    FrozenTrial GetTrial(long trialId);

    /// <summary>The study's system attributes.</summary>
    IReadOnlyDictionary<string, object?> GetStudySystemAttributes(int studyId);

    /// <summary>Sets a system attribute of the study.</summary>
    void SetStudySystemAttribute(int studyId, string key, object? value);
}
