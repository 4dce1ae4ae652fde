using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.Dropout</c>, inverted dropout: in training each value is kept with probability 1 − rate and
/// scaled by 1/(1 − rate), so its expectation is unchanged; at inference the layer is the identity. With a
/// <c>seed</c> the layer draws from its own generator (the same masks on every run, as Keras' seeded layer);
/// without, from libtorch's global one (reproducible after <c>tf.random.set_seed</c>).
/// </summary>
public sealed class Dropout : Layer
{
    readonly torch.Generator? generator;

    /// <summary><c>keras.layers.Dropout(rate, seed)</c>; <paramref name="rate"/>, the fraction of inputs dropped, must
    /// be in [0, 1].</summary>
    public Dropout(double rate, long? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
        this.rate = rate;
        this.seed = seed;
        if (seed is { } s) generator = new torch.Generator(unchecked((ulong)s));
    }

    /// <summary>The fraction of the inputs dropped in training.</summary>
    public double rate { get; }
    /// <summary>The seed of the layer's own generator; null draws from libtorch's global one.</summary>
    public long? seed { get; }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        if (!training || rate == 0) return x;
        var native = x.Native;
        using var uniform = torch.rand(Tensor.Dims(native), native.dtype, generator: generator);
        using Scalar keep = 1 - rate, scale = rate == 1 ? 0.0 : 1 / (1 - rate); // rooted for the native calls: see Ops.WithScalar
        using var kept = uniform.lt(keep);
        using var mask = kept.to_type(native.dtype).mul_(scale);
        return Tensor.Wrap(native.mul(mask), x);
    }
}
