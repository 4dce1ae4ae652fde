namespace TfNotes.Tuning;

/// <summary>Lifecycle of a trial, as Optuna's TrialState (storages keep the upper-case names).</summary>
public enum TrialState
{
    /// <summary>Running: its worker is alive (a stale heartbeat fails it).</summary>
    Running = 0,
    /// <summary>Finished with a value.</summary>
    Complete = 1,
    /// <summary>Stopped early by the pruner.</summary>
    Pruned = 2,
    /// <summary>Failed: an exception, a NaN value, a stale heartbeat or an interruption.</summary>
    Fail = 3,

    /// <summary>Enqueued in Optuna, not started: TfNotes refuses studies that have such trials.</summary>
    Waiting = 4,
}
