namespace TfNotes.Tuning.Distributions;

/// <summary>An integer parameter in [Low, High], uniform or log-uniform, on a step (1 unless told; log needs 1, as in Optuna).</summary>
public sealed class IntDistribution : NumericDistribution
{
    public IntDistribution(int low, int high, bool log = false, int step = 1)
        : base(low, high, log ? ParameterScale.Log : ParameterScale.Linear, step)
    {
    }

    public new int Low => (int)base.Low;
    public new int High => (int)base.High;
    public new int Step => (int)base.Step!.Value;

    public override object ToExternal(double internalValue) => (int)Math.Round(internalValue);

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

    public override string ToString() => $"Int[{Low}, {High}] {Scale}{(Step == 1 ? "" : StepText)}";
}
