namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary>
/// A learning rate as a function of the optimizer's step (its <c>iterations</c> before the update: 0 on the first),
/// as <c>keras.optimizers.schedules.LearningRateSchedule</c>; <c>schedule.Call(step)</c> is Keras' <c>schedule(step)</c>.
/// Subclass it and override <see cref="Call"/> for a schedule of your own.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Keras' <c>schedule(step)</c>: the learning rate at <paramref name="step"/> (the optimizer's iterations,
    /// 0 on the first update).</summary>
    public abstract double Call(long step);
}
