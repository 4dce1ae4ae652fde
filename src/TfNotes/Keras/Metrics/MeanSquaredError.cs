namespace TfNotes.Keras.Metrics;

/// <summary><c>tf.keras.metrics.MeanSquaredError</c>: the mean of the per-example <c>mean((y − ŷ)²)</c>.</summary>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(name)
{
    internal override string? Direction => "down";

    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Losses.MeanSquaredError.Of(y_true, y_pred);
}
