namespace TfNotes.Tuning;

/// <summary>
/// Thrown by an objective to stop a trial that <see cref="Trial.ShouldPrune"/> judged hopeless
/// (as in Optuna: <c>if (trial.ShouldPrune()) throw new TrialPruned();</c>).
/// </summary>
public sealed class TrialPruned : Exception
{
    public TrialPruned()
        : base("trial pruned")
    {
    }

    public TrialPruned(string message)
        : base(message)
    {
    }
}
