using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// <c>tf.keras.metrics.Mean</c>: the mean of the values given to <c>update_state</c>, e.g. the loss of each step.
/// As Keras 3, values are first averaged per sample (over all axes but the first) and each sample counts once,
/// weighted by its <c>sample_weight</c>.
/// </summary>
public sealed class Mean(string name = "mean") : Metric(name)
{
    /// <summary>Adds the samples of <paramref name="values"/> (any shape; a scalar is one sample).</summary>
    public void update_state(Tensor values, Tensor? sample_weight = null)
    {
        using var _ = torch.no_grad();
        var (sum, n) = Samplewise.Sum(values.Native, sample_weight?.Native);
        Accumulate(sum, n);
    }

    /// <summary>Adds one value (e.g. the float a training step returns).</summary>
    public void update_state(double value) => Accumulate(value, 1);

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="weight"/> (a batch's loss and its size).</summary>
    internal void Add(double value, double weight) => Accumulate(value * weight, weight);
}
