using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary><c>tf.keras.metrics.Mean</c>: the mean of every value given to <c>update_state</c>, e.g. the loss of each step.</summary>
public sealed class Mean(string name = "mean") : Metric(name)
{
    /// <summary>Adds all elements of <paramref name="values"/> (any shape).</summary>
    public void update_state(Tensor values)
    {
        using var _ = torch.no_grad();
        using var detached = values.Native.detach();
        using var asDouble = detached.to_type(torch.ScalarType.Float64);
        using var sum = asDouble.sum();
        Accumulate(sum.ToDouble(), asDouble.NumberOfElements);
    }

    /// <summary>Adds one value (e.g. the float a training step returns).</summary>
    public void update_state(double value) => Accumulate(value, 1);
}
