using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.ReLU</c>:
/// <code>
/// f(x) = max_value                        x ≥ max_value
///        x                                threshold ≤ x &lt; max_value
///        negative_slope·(x − threshold)   x &lt; threshold
/// </code>
/// (the plain ReLU with the defaults).
/// </summary>
public sealed class ReLU : Layer
{
    /// <summary><c>keras.layers.ReLU(max_value, negative_slope, threshold)</c>; <paramref name="max_value"/> and
    /// <paramref name="negative_slope"/> must not be negative.</summary>
    public ReLU(double? max_value = null, double negative_slope = 0.0, double threshold = 0.0, string? name = null) : base(name)
    {
        if (max_value is < 0) throw new ArgumentOutOfRangeException(nameof(max_value), max_value, $"max_value of a ReLU layer cannot be a negative value. Received: {max_value}");
        if (negative_slope < 0) throw new ArgumentOutOfRangeException(nameof(negative_slope), negative_slope, $"negative_slope of a ReLU layer cannot be a negative value. Received: {negative_slope}");
        (this.max_value, this.negative_slope, this.threshold) = (max_value, negative_slope, threshold);
    }

    /// <summary>The largest output; null for no cap.</summary>
    public double? max_value { get; }
    /// <summary>The slope below <see cref="threshold"/> (default 0).</summary>
    public double negative_slope { get; }
    /// <summary>The input below which the negative slope applies (default 0).</summary>
    public double threshold { get; }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        if (max_value is null && negative_slope == 0 && threshold == 0) return Binding.tf.nn.relu(x);
        return Ops.Unary(x, t =>
        {
            using Scalar at = threshold, slope = negative_slope; // rooted for the native calls: see Ops.WithScalar
            using var above = t.ge(at);
            using var shifted = t.sub(at);
            using var below = shifted.mul(slope);
            var y = torch.where(above, t, below);
            if (max_value is not { } cap) return y;
            using (y)
            {
                using Scalar top = cap;
                return y.clamp_max(top);
            }
        });
    }
}
