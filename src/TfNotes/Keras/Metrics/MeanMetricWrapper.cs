using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// A metric that averages a per-example function of (y_true, y_pred), as Keras' <c>MeanMetricWrapper</c>: the kind
/// <c>compile(metrics: …)</c> takes. Subclasses give the per-example values (<see cref="Values"/>); this class
/// weights and accumulates them (see <see cref="Mean"/>).
/// </summary>
public abstract class MeanMetricWrapper(string name) : Metric(name)
{
    public void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        using var _ = torch.no_grad();
        using var step = StepScope.Begin();
        var values = Values(y_true, y_pred);
        if (sample_weight is null && values.ndim == 1)
        {
            using var sum = values.Native.sum(); // one value per example: their sum and count (the common case, one reduction)
            Accumulate(sum.ToDouble(), values.shape[0]);
            return;
        }
        var (total, n) = Samplewise.Sum(values, sample_weight);
        Accumulate(total, n);
    }

    /// <summary>The metric's value for each example (e.g. 1 for a correct prediction, 0 otherwise).</summary>
    protected abstract Tensor Values(Tensor y_true, Tensor y_pred);

    internal Tensor PerExample(Tensor y_true, Tensor y_pred) => Values(y_true, y_pred);
}
