namespace TfNotes.Tuning;

/// <summary>
/// Thrown by an objective to stop a trial that <see cref="Trial.ShouldPrune"/> judged hopeless
/// (as in Optuna: <c>if (trial.ShouldPrune()) throw new TrialPruned();</c>).
/// </summary>
public sealed class TrialPruned : Exception
{
    /// <summary>A <c>TrialPruned</c> with the message "trial pruned".</summary>
    public TrialPruned()
        : base("trial pruned")
    {
    }

    /// <summary>A <c>TrialPruned</c> with <paramref name="message"/>.</summary>
    public TrialPruned(string message)
        : base(message)
    {
    }
}
