namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary>
/// <c>keras.optimizers.schedules.ExponentialDecay</c>: <c>lr(step) = initial_learning_rate · decay_rate^(step / decay_steps)</c>,
/// the exponent floored with <c>staircase</c>.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary><c>keras.optimizers.schedules.ExponentialDecay</c>; decay_steps must be positive.</summary>
    public ExponentialDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false)
    {
        if (decay_steps <= 0) throw new ArgumentOutOfRangeException(nameof(decay_steps), decay_steps, $"Argument `decay_steps` must be > 0. Received: decay_steps={decay_steps}");
        (this.initial_learning_rate, this.decay_steps, this.decay_rate, this.staircase) = (initial_learning_rate, decay_steps, decay_rate, staircase);
    }

    /// <summary>The learning rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The number of steps over which the rate is multiplied by <see cref="decay_rate"/> once.</summary>
    public long decay_steps { get; }
    /// <summary>The factor per <see cref="decay_steps"/> steps.</summary>
    public double decay_rate { get; }
    /// <summary>Whether the exponent step / decay_steps is floored, so the rate drops in steps (default
    /// false).</summary>
    public bool staircase { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double p = (double)step / decay_steps;
        return initial_learning_rate * Math.Pow(decay_rate, staircase ? Math.Floor(p) : p);
    }
}
