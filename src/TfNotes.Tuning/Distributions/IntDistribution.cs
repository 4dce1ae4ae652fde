namespace TfNotes.Tuning.Distributions;

/// <summary>An integer parameter in [Low, High], uniform or log-uniform.</summary>
public sealed class IntDistribution : NumericDistribution
{
    public IntDistribution(int low, int high, bool log = false)
        : base(low, high, log ? ParameterScale.Log : ParameterScale.Linear)
    {
    }

    public new int Low => (int)base.Low;
    public new int High => (int)base.High;

    // Half a step beyond each end so that the end values are as likely as the inner ones after rounding.
    protected override double LowEdge => base.Low - 0.5;
    protected override double HighEdge => base.High + 0.5;

    public override object ToExternal(double internalValue) => (int)Math.Round(internalValue);

    protected override double Round(double value) => Math.Round(value);

    public override NumericDistribution WithSearchRange(double searchLow, double searchHigh)
    {
        var low = (int)FromSearchScale(Math.Max(searchLow, SearchLow));
        var high = (int)FromSearchScale(Math.Min(searchHigh, SearchHigh));
        if (low >= high)
        {
            // Keep at least two values so the range stays valid.
            if (high < High) high++;
            else low--;
        }
        return new IntDistribution(low, high, Scale == ParameterScale.Log);
    }

    public override string ToString() => $"Int[{Low}, {High}] {Scale}";
}
