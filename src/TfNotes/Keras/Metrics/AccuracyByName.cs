namespace TfNotes.Keras.Metrics;

/// <summary>
/// Keras' <c>"accuracy"</c>: binary accuracy when predictions have one column, sparse categorical accuracy when labels
/// have a rank less than the predictions' (or a last axis of 1 against several classes), categorical otherwise —
/// decided on the first batch (Keras' <c>get_metric</c>) and kept.
/// </summary>
internal sealed class AccuracyByName(string name) : MeanMetricWrapper(name)
{
    MeanMetricWrapper? chosen;

    internal override string? Direction => "up";

    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Tensor.Wrap(ValuesOf(y_true, y_pred), y_pred);

    private protected override TorchSharp.torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred) =>
        (chosen ??= Choose(y_true, y_pred)).NativeValues(y_true, y_pred);

    MeanMetricWrapper Choose(Tensor y_true, Tensor y_pred)
    {
        bool binary = y_pred.ndim > 0 && y_pred.shape[-1] == 1;
        bool sparse = y_true.ndim < y_pred.ndim || (y_true.ndim > 0 && y_true.shape[-1] == 1 && y_pred.shape[-1] > 1);
        return binary ? new BinaryAccuracy(name) : sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }
}
