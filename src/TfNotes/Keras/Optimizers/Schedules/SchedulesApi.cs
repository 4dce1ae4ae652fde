namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary><c>tf.keras.optimizers.schedules</c>.</summary>
public sealed class SchedulesApi
{
    internal SchedulesApi() { }

    /// <summary><c>keras.optimizers.schedules.ExponentialDecay</c>: initial_learning_rate · decay_rate^(step /
    /// decay_steps).</summary>
    public ExponentialDecay ExponentialDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false) =>
        new(initial_learning_rate, decay_steps, decay_rate, staircase);

    /// <summary><c>keras.optimizers.schedules.PiecewiseConstantDecay</c>: a constant rate per interval between
    /// <paramref name="boundaries"/>.</summary>
    public PiecewiseConstantDecay PiecewiseConstantDecay(long[] boundaries, double[] values) => new(boundaries, values);

    /// <summary><c>keras.optimizers.schedules.CosineDecay</c>: a cosine decay, with an optional linear
    /// warm-up.</summary>
    public CosineDecay CosineDecay(double initial_learning_rate, long decay_steps, double alpha = 0.0, double? warmup_target = null, long warmup_steps = 0) =>
        new(initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps);
}
