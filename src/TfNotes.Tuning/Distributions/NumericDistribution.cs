namespace TfNotes.Tuning.Distributions;

/// <summary>
/// A numeric range with a sampling scale. Samplers work in the "search space": the parameter mapped
/// by its scale (x, ln x or ln(1 − x)), where the distribution is uniform.
/// </summary>
public abstract class NumericDistribution : Distribution
{
    protected NumericDistribution(double low, double high, ParameterScale scale)
    {
        if (double.IsNaN(low) || double.IsNaN(high) || double.IsInfinity(low) || double.IsInfinity(high))
            throw new ArgumentException($"low ({low}) and high ({high}) must be finite numbers");
        if (low >= high)
            throw new ArgumentException($"low ({low}) must be less than high ({high})");
        if (scale == ParameterScale.Log && low <= 0)
            throw new ArgumentException($"a log scale needs low > 0, got low = {low}");
        if (scale == ParameterScale.ReverseLog && (low <= 0 || high >= 1))
            throw new ArgumentException($"a reverse-log scale needs 0 < low < high < 1, got [{low}, {high}]");
        Low = low;
        High = high;
        Scale = scale;
    }

    public double Low { get; }
    public double High { get; }
    public ParameterScale Scale { get; }

    /// <summary>Lower end of the range in the search space (includes the rounding margin of integers).</summary>
    public double SearchLow => Math.Min(ToSearchScale(LowEdge), ToSearchScale(HighEdge));

    /// <summary>Upper end of the range in the search space.</summary>
    public double SearchHigh => Math.Max(ToSearchScale(LowEdge), ToSearchScale(HighEdge));

    /// <summary>Where sampling starts and ends before rounding (integers extend half a step each side).</summary>
    protected virtual double LowEdge => Low;
    protected virtual double HighEdge => High;

    public double ToSearchScale(double value) => Scale switch
    {
        ParameterScale.Log => Math.Log(value),
        ParameterScale.ReverseLog => Math.Log(1 - value),
        _ => value,
    };

    /// <summary>The internal value for a point of the search space, rounded and clamped into the range.</summary>
    public double FromSearchScale(double searchValue)
    {
        var value = Scale switch
        {
            ParameterScale.Log => Math.Exp(searchValue),
            ParameterScale.ReverseLog => 1 - Math.Exp(searchValue),
            _ => searchValue,
        };
        return Math.Clamp(Round(value), Low, High);
    }

    public override bool Contains(double internalValue) => internalValue >= Low && internalValue <= High;

    /// <summary>
    /// The same kind of distribution restricted to [searchLow, searchHigh] of the search space
    /// (intersected with this range); used to zoom in, coarse to fine.
    /// </summary>
    public abstract NumericDistribution WithSearchRange(double searchLow, double searchHigh);

    protected virtual double Round(double value) => value;
}
