namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary><c>tf.keras.optimizers.schedules</c>.</summary>
public sealed class SchedulesApi
{
    internal SchedulesApi() { }

    public ExponentialDecay ExponentialDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false) =>
        new(initial_learning_rate, decay_steps, decay_rate, staircase);

    public PiecewiseConstantDecay PiecewiseConstantDecay(long[] boundaries, double[] values) => new(boundaries, values);

    public CosineDecay CosineDecay(double initial_learning_rate, long decay_steps, double alpha = 0.0, double? warmup_target = null, long warmup_steps = 0) =>
        new(initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps);
}
