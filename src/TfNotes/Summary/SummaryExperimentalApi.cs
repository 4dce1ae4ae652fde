namespace TfNotes.Summary;

/// <summary><c>tf.summary.experimental</c>: this thread's default step for summaries written without one.</summary>
public sealed class SummaryExperimentalApi
{
    internal SummaryExperimentalApi() { }

    /// <summary>The default step from now on (null: none).</summary>
    public void set_step(long? step) => SummaryState.SetStep(step is { } s ? () => s : null);

    /// <summary>A tensor (e.g. a variable counting steps) whose value at the time of each write is the default step.</summary>
    public void set_step(Tensor step) => SummaryState.SetStep(() => (long)step);

    /// <summary>The default step now, or null.</summary>
    public long? get_step() => SummaryState.Step;
}
