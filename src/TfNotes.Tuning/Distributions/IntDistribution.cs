namespace TfNotes.Tuning.Distributions;

/// <summary>An integer parameter in [Low, High], uniform or log-uniform, on a step (1 unless told; log needs 1, as in Optuna).</summary>
public sealed class IntDistribution : NumericDistribution
{
    /// <summary>Optuna's <c>IntDistribution(low, high, log, step)</c>; <paramref name="log"/> needs step 1.</summary>
    public IntDistribution(int low, int high, bool log = false, int step = 1)
        : base(low, high, log ? ParameterScale.Log : ParameterScale.Linear, step)
    {
    }

    /// <summary>The smallest value.</summary>
    public new int Low => (int)base.Low;
    /// <summary>The largest value.</summary>
    public new int High => (int)base.High;
    /// <summary>The spacing of the values (1 unless told).</summary>
    public new int Step => (int)base.Step!.Value;

    /// <inheritdoc/>
    public override object ToExternal(double internalValue) => (int)Math.Round(internalValue);

    /// <inheritdoc/>
    public override NumericDistribution WithSearchRange(double searchLow, double searchHigh)
    {
        var low = (int)FromSearchScale(Math.Max(searchLow, SearchLow));
        var high = (int)FromSearchScale(Math.Min(searchHigh, SearchHigh));
        if (low >= high)
        {
            // Keep at least two values so the fine phase still has a choice.
            if (high + Step <= High) high += Step;
            else if (low - Step >= Low) low -= Step;
        }
        return new IntDistribution(low, high, Scale == ParameterScale.Log, Step);
    }

    /// <summary><c>Int[low, high] Scale</c>, and the step if not 1.</summary>
    public override string ToString() => $"Int[{Low}, {High}] {Scale}{(Step == 1 ? "" : StepText)}";
}
