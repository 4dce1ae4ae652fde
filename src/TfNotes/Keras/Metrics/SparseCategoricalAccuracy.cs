using TfNotes.Keras.Losses;
using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// <c>tf.keras.metrics.SparseCategoricalAccuracy</c>: the fraction of examples with argmax(y_pred) = label, for integer
/// labels of shape y_pred.shape[:-1] (or with a last axis of 1). y_pred may be probabilities or logits.
/// </summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : MeanMetricWrapper(name)
{
    internal override string? Direction => "up";

    /// <inheritdoc/>
    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Tensor.Wrap(ValuesOf(y_true, y_pred), y_pred);

    private protected override torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred)
    {
        using var labels = Crossentropy.Labels(y_true, y_pred, name, checkRange: false);   // as Keras: a label no class has is a miss
        using var predicted = y_pred.Native.argmax(-1);
        using var matches = predicted.eq(labels);
        return matches.to_type(torch.ScalarType.Float32);
    }
}
