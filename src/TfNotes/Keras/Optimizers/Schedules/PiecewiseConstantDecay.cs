namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary>
/// <c>keras.optimizers.schedules.PiecewiseConstantDecay</c>: <c>values[0]</c> while step ≤ boundaries[0],
/// <c>values[i]</c> while boundaries[i−1] &lt; step ≤ boundaries[i], the last value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    /// <summary><c>keras.optimizers.schedules.PiecewiseConstantDecay</c>: <paramref name="values"/> must have one more
    /// entry than <paramref name="boundaries"/>.</summary>
    public PiecewiseConstantDecay(long[] boundaries, double[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Length != values.Length - 1)
            throw new ArgumentException($"The length of boundaries should be 1 less than the length of values. Received: boundaries=[{string.Join(", ", boundaries)}] " +
                $"of length {boundaries.Length}, and values=[{string.Join(", ", values)}] of length {values.Length}.", nameof(values));
        (this.boundaries, this.values) = (boundaries.ToArray(), values.ToArray());
    }

    /// <summary>The steps at which the rate changes, increasing.</summary>
    public IReadOnlyList<long> boundaries { get; }
    /// <summary>The rate in each interval, one more than the boundaries.</summary>
    public IReadOnlyList<double> values { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        int i = 0;
        while (i < boundaries.Count && step > boundaries[i]) i++;
        return values[i];
    }
}
