namespace TfNotes.Tuning.Distributions;

/// <summary>A real parameter in [Low, High] sampled uniformly on its <see cref="ParameterScale"/>, optionally on a step.</summary>
public sealed class FloatDistribution : NumericDistribution
{
    public FloatDistribution(double low, double high, ParameterScale scale = ParameterScale.Linear, double? step = null)
        : base(low, high, scale, step)
    {
    }

    public override object ToExternal(double internalValue) => internalValue;

    public override NumericDistribution WithSearchRange(double searchLow, double searchHigh)
    {
        var a = FromSearchScale(Math.Max(searchLow, SearchLow));
        var b = FromSearchScale(Math.Min(searchHigh, SearchHigh));
        return new FloatDistribution(Math.Min(a, b), Math.Max(a, b), Scale, Step);
    }

    public override string ToString() => $"Float[{Low}, {High}] {Scale}{StepText}";
}
