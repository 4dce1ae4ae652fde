namespace TfNotes.Tuning;

/// <summary>Lifecycle of a trial. The numbers are what storages persist: never renumber.</summary>
public enum TrialState
{
    Running = 0,
    Complete = 1,
    Pruned = 2,
    Fail = 3,
}
