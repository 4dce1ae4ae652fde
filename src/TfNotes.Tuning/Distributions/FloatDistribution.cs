namespace TfNotes.Tuning.Distributions;

/// <summary>A real parameter in [Low, High] sampled uniformly on its <see cref="ParameterScale"/>, optionally on a step.</summary>
public sealed class FloatDistribution : NumericDistribution
{
    /// <summary>Optuna's <c>FloatDistribution(low, high, log, step)</c>, with a <paramref name="scale"/> in place of
    /// <c>log</c>; a step only on a linear scale.</summary>
    public FloatDistribution(double low, double high, ParameterScale scale = ParameterScale.Linear, double? step = null)
        : base(low, high, scale, step)
    {
    }

    /// <inheritdoc/>
    public override object ToExternal(double internalValue) => internalValue;

    /// <inheritdoc/>
    public override NumericDistribution WithSearchRange(double searchLow, double searchHigh)
    {
        var a = FromSearchScale(Math.Max(searchLow, SearchLow));
        var b = FromSearchScale(Math.Min(searchHigh, SearchHigh));
        return new FloatDistribution(Math.Min(a, b), Math.Max(a, b), Scale, Step);
    }

    /// <summary><c>Float[low, high] Scale</c>, and the step if any.</summary>
    public override string ToString() => $"Float[{Low}, {High}] {Scale}{StepText}";
}
