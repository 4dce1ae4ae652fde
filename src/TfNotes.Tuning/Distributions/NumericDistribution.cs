namespace TfNotes.Tuning.Distributions;

/// <summary>
/// A numeric range with a sampling scale and an optional step (Optuna's and KerasTuner's <c>step</c>: the values
/// low, low + step, …, high). Samplers work in the "search space": the parameter mapped by its scale (x, ln x or
/// ln(1 − x)), where the distribution is uniform. <c>low == high</c> is a valid single-value range, as in Optuna.
/// </summary>
public abstract class NumericDistribution : Distribution
{
    /// <summary>Checks the range as Optuna does: finite ends, low ≤ high, low &gt; 0 on a log scale, 0 &lt; low ≤ high
    /// &lt; 1 on a reverse-log one, and high = low + k·step.</summary>
    protected NumericDistribution(double low, double high, ParameterScale scale, double? step)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"low ({low}) and high ({high}) must be finite numbers");
        if (low > high)
            throw new ArgumentException($"low ({low}) must be less than or equal to high ({high})");
        if (scale == ParameterScale.Log && low <= 0)
            throw new ArgumentException($"a log scale needs low > 0, got low = {low}");
        if (scale == ParameterScale.ReverseLog && (low <= 0 || high >= 1))
            throw new ArgumentException($"a reverse-log scale needs 0 < low ≤ high < 1, got [{low}, {high}]");
        if (step is { } s)
        {
            if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentException($"step must be a positive number, got step = {s}");
            if (scale != ParameterScale.Linear && !(this is IntDistribution && s == 1))
                throw new ArgumentException($"step is not supported on a {scale} scale (Optuna: not with log=True), got step = {s}");
            var k = (high - low) / s;
            if (Math.Abs(k - Math.Round(k)) > 1e-8 * Math.Max(1, Math.Abs(k)))
                throw new ArgumentException(
                    $"high ({high}) is not low ({low}) plus a multiple of step ({s}): use high = {low + Math.Floor(k) * s} " +
                    "(Optuna lowers high to it with a warning)");
        }
        Low = low;
        High = high;
        Scale = scale;
        Step = step;
    }

    /// <summary>The smallest value.</summary>
    public double Low { get; }
    /// <summary>The largest value.</summary>
    public double High { get; }
    /// <summary>The scale the values are sampled uniformly on.</summary>
    public ParameterScale Scale { get; }

    /// <summary>The spacing of the values (null: any real in the range). Integers have step 1 unless told otherwise.</summary>
    public double? Step { get; }

    /// <summary>Whether the range holds one value only: samplers are not asked, as in Optuna.</summary>
    public bool Single => Low == High;

    /// <summary>Lower end of the range in the search space (includes the rounding margin of stepped values).</summary>
    public double SearchLow => Math.Min(ToSearchScale(LowEdge), ToSearchScale(HighEdge));

    /// <summary>Upper end of the range in the search space.</summary>
    public double SearchHigh => Math.Max(ToSearchScale(LowEdge), ToSearchScale(HighEdge));

    /// <summary>Where sampling starts and ends before rounding: stepped values extend half a step each side.</summary>
    double LowEdge => Step is { } s ? Low - s / 2 : Low;
    double HighEdge => Step is { } s ? High + s / 2 : High;

    /// <summary><paramref name="value"/> in the search space: x, ln x or ln(1 − x) by the scale.</summary>
    public double ToSearchScale(double value) => Scale switch
    {
        ParameterScale.Log => Math.Log(value),
        ParameterScale.ReverseLog => Math.Log(1 - value),
        _ => value,
    };

    /// <summary>The internal value for a point of the search space, rounded to the step and clamped into the range.</summary>
    public double FromSearchScale(double searchValue)
    {
        var value = Scale switch
        {
            ParameterScale.Log => Math.Exp(searchValue),
            ParameterScale.ReverseLog => 1 - Math.Exp(searchValue),
            _ => searchValue,
        };
        return Math.Clamp(RoundToStep(value), Low, High);
    }

    /// <summary>The nearest allowed value: low + k·step for stepped ranges (integers on a log scale: the nearest integer).</summary>
    public double RoundToStep(double value) => Step is { } s ? (Scale == ParameterScale.Linear ? Math.Round((value - Low) / s) * s + Low : Math.Round(value)) : value;

    /// <inheritdoc/>
    public override bool Contains(double internalValue)
    {
        if (!(internalValue >= Low && internalValue <= High)) return false;
        if (Step is not { } s) return true;
        var k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) < 1e-8;
    }

    /// <summary>
    /// The same kind of distribution restricted to [searchLow, searchHigh] of the search space
    /// (intersected with this range); used to zoom in, coarse to fine.
    /// </summary>
    public abstract NumericDistribution WithSearchRange(double searchLow, double searchHigh);

    /// <summary>
    /// Whether <paramref name="other"/> is the same kind of parameter in Optuna's terms: the same type and log flag
    /// (a reverse-log range is a plain float range to Optuna, so it may follow or precede a linear one).
    /// </summary>
    public override bool IsSameKind(Distribution other) =>
        other is NumericDistribution n && n.GetType() == GetType() && (n.Scale == ParameterScale.Log) == (Scale == ParameterScale.Log);

    /// <summary>The step for <c>ToString</c>: <c>" step 0.1"</c>, or empty.</summary>
    protected string StepText => Step is { } s ? $" step {s}" : "";
}
