using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// <c>tf.keras.metrics.CategoricalAccuracy</c>: the fraction of examples with argmax(y_pred) = argmax(y_true), for
/// one-hot labels. y_pred may be probabilities or logits (softmax keeps the argmax).
/// </summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : MeanMetricWrapper(name)
{
    internal override string? Direction => "up";

    /// <inheritdoc/>
    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Tensor.Wrap(ValuesOf(y_true, y_pred), y_pred);

    private protected override torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred)
    {
        if (y_true.shape != y_pred.shape || y_pred.ndim == 0)
            throw new InvalidArgumentError($"{name}: y_true and y_pred must have the same shape with a class axis, got y_true {y_true.shape} and y_pred {y_pred.shape}");
        using var labels = y_true.Native.argmax(-1);
        using var predicted = y_pred.Native.argmax(-1);
        using var matches = predicted.eq(labels);
        return matches.to_type(torch.ScalarType.Float32);
    }
}
