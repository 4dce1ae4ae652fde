using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// A metric that averages a per-example function of (y_true, y_pred), as Keras' <c>MeanMetricWrapper</c>: the kind
/// <c>compile(metrics: …)</c> takes. Subclasses give the per-example values (<see cref="Values"/>); this class
/// weights and accumulates them (see <see cref="Mean"/>). The built-in metrics compute on libtorch directly and free
/// what they make at once, so an update after <c>tape.gradient</c> (the usual loop) leaves no tensor to any step.
/// </summary>
public abstract class MeanMetricWrapper(string name) : Metric(name)
{
    /// <summary>Keras' <c>update_state(y_true, y_pred, sample_weight)</c>: adds this batch's per-example values
    /// (weighted) to the running mean.</summary>
    public void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        using var _ = torch.no_grad();
        using var values = ValuesOf(y_true, y_pred);
        if (sample_weight is null && values.dim() == 1)
        {
            using var sum = values.sum(); // one value per example: their sum and count (the common case, one reduction)
            Accumulate(sum.ToDouble(), values.size(0));
            return;
        }
        var (total, n) = Samplewise.Sum(values, sample_weight?.Native);
        Accumulate(total, n);
    }

    /// <summary>The metric's value for each example (e.g. 1 for a correct prediction, 0 otherwise).</summary>
    protected abstract Tensor Values(Tensor y_true, Tensor y_pred);

    /// <summary>The values as a libtorch tensor the caller frees (the built-in metrics make it without wrappers).</summary>
    private protected virtual torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred) => Values(y_true, y_pred).Native.detach();

    internal torch.Tensor NativeValues(Tensor y_true, Tensor y_pred) => ValuesOf(y_true, y_pred);
}
