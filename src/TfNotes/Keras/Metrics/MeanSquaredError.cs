using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary><c>tf.keras.metrics.MeanSquaredError</c>: the mean of the per-example <c>mean((y − ŷ)²)</c> (last axis).</summary>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(name)
{
    internal override string? Direction => "down";

    /// <inheritdoc/>
    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Tensor.Wrap(ValuesOf(y_true, y_pred), y_pred);

    private protected override torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred)
    {
        var type = y_pred.dtype.is_floating ? y_pred.Native.dtype : torch.ScalarType.Float32;
        using var truth = y_true.Native.to_type(type);
        using var predicted = y_pred.Native.to_type(type);
        var (t, p) = Samplewise.SqueezeOrExpand(truth, predicted);
        using (t)
        using (p)
        {
            using var difference = p.sub(t);
            using var squares = Ops.Square(difference);
            return squares.mean([-1L]);
        }
    }
}
