using TfNotes.Keras.Optimizers.Schedules;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// An optimizer's <c>learning_rate</c> argument: a number or a <see cref="LearningRateSchedule"/>, both converting
/// implicitly (<c>Adam(0.01)</c>, <c>Adam(learning_rate: schedule)</c>). Null in a constructor is the optimizer's Keras default.
/// </summary>
public sealed class LearningRate
{
    LearningRate(double? value, LearningRateSchedule? schedule) => (Value, Schedule) = (value, schedule);

    internal double? Value { get; }
    internal LearningRateSchedule? Schedule { get; }

    /// <summary>A constant learning rate.</summary>
    public static implicit operator LearningRate(double value) => new(value, null);
    /// <summary>A learning rate that follows <paramref name="schedule"/>.</summary>
    public static implicit operator LearningRate(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule)));

    /// <summary>The number, or the schedule's text.</summary>
    public override string ToString() => Schedule?.ToString() ?? Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
