namespace TfNotes.Tuning;

/// <summary>Lifecycle of a trial, as Optuna's TrialState (storages keep the upper-case names).</summary>
public enum TrialState
{
    Running = 0,
    Complete = 1,
    Pruned = 2,
    Fail = 3,

    /// <summary>Enqueued in Optuna, not started: TfNotes refuses studies that have such trials.</summary>
    Waiting = 4,
}
