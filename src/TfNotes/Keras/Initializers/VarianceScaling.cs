using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>
/// Keras' <c>VarianceScaling</c>, the family behind Glorot and He. With n = fan_in, fan_out or (fan_in + fan_out)/2
/// (<c>mode</c>) and s = scale / max(1, n):
/// <code>
/// "truncated_normal":   normal(0, σ) resampled until within ±2σ, σ = √s / 0.87962566103423978
/// "untruncated_normal": normal(0, √s)
/// "uniform":            uniform(−limit, limit), limit = √(3s)
/// </code>
/// (0.8796… is the standard deviation of a unit normal truncated at ±2, so the values have variance s.)
/// Fans as Keras: a vector has fan_in = fan_out = its length; a matrix (in, out); a kernel (…, in, out) multiplies
/// both by the product of its leading dimensions.
/// With a <c>seed</c>, every call gives the same values (Keras 3); without, values come from libtorch's global
/// generator (reproducible after <c>tf.random.set_seed</c>).
/// </summary>
public class VarianceScaling : Initializer
{
    /// <summary>The standard deviation of a unit normal truncated at ±2.</summary>
    public const double TruncatedUnitNormalStddev = 0.87962566103423978;

    static readonly string[] Modes = ["fan_in", "fan_out", "fan_avg"];
    static readonly string[] Distributions = ["truncated_normal", "untruncated_normal", "uniform"];

    /// <summary>The variance scale s before dividing by the fan (Keras' default 1.0).</summary>
    public double scale { get; }
    /// <summary>Which fan divides the scale: <c>"fan_in"</c> (default), <c>"fan_out"</c> or <c>"fan_avg"</c>.</summary>
    public string mode { get; }
    /// <summary>The distribution: <c>"truncated_normal"</c> (default), <c>"untruncated_normal"</c> or
    /// <c>"uniform"</c>.</summary>
    public string distribution { get; }
    /// <summary>The seed that makes every call give the same values; null draws from libtorch's global
    /// generator.</summary>
    public long? seed { get; }

    /// <summary><c>keras.initializers.VarianceScaling(scale, mode, distribution, seed)</c> with Keras' defaults; scale
    /// must be positive.</summary>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive");
        if (!Modes.Contains(mode))
            throw new ArgumentException($"VarianceScaling: mode must be one of {string.Join(", ", Modes)}, got '{mode}'", nameof(mode));
        if (!Distributions.Contains(distribution))
            throw new ArgumentException($"VarianceScaling: distribution must be one of {string.Join(", ", Distributions)}, got '{distribution}'", nameof(distribution));
        this.scale = scale;
        this.mode = mode;
        this.distribution = distribution;
        this.seed = seed;
    }

    /// <inheritdoc/>
    protected override Tensor Call(Shape shape, DType dtype) => Tensor.Wrap(Generate(shape.dims, dtype));

    torch.Tensor Generate(long[] shape, DType dtype)
    {
        if (!dtype.is_floating) throw new ArgumentException($"{GetType().Name}: dtype must be float32 or float64, got {dtype}", nameof(dtype));
        var (fanIn, fanOut) = Fans(shape);
        double n = mode switch { "fan_in" => fanIn, "fan_out" => fanOut, _ => (fanIn + fanOut) / 2 };
        double variance = scale / Math.Max(1.0, n);
        using var generator = seed is null ? null : new torch.Generator(unchecked((ulong)seed.Value));
        return distribution switch
        {
            "truncated_normal" => TruncatedNormal(shape, dtype, Math.Sqrt(variance) / TruncatedUnitNormalStddev, generator),
            "untruncated_normal" => Scaled(torch.randn(shape, dtype.ScalarType, generator: generator), Math.Sqrt(variance)),
            _ => Uniform(shape, dtype, Math.Sqrt(3 * variance), generator),
        };
    }

    internal static (double fanIn, double fanOut) Fans(long[] shape) => shape.Length switch
    {
        0 => (1, 1),
        1 => (shape[0], shape[0]),
        2 => (shape[0], shape[1]),
        _ => (shape[^2] * Receptive(shape), shape[^1] * Receptive(shape)),
    };

    static double Receptive(long[] shape) => shape[..^2].Aggregate(1.0, (p, d) => p * d);

    /// <summary>normal(0, σ) with every value outside ±2σ drawn again until none is (tf.random.truncated_normal).</summary>
    static torch.Tensor TruncatedNormal(long[] shape, DType dtype, double stddev, torch.Generator? generator)
    {
        var values = torch.randn(shape, dtype.ScalarType, generator: generator);
        while (true)
        {
            using var magnitude = values.abs();
            using Scalar two = 2.0; // rooted for the native call: see Ops.WithScalar
            using var outside = magnitude.gt(two);
            using var anyOutside = outside.any();
            if (!anyOutside.ToBoolean()) break;
            using var redraw = torch.randn(shape, dtype.ScalarType, generator: generator);
            using var replacements = redraw.masked_select(outside);
            values.masked_scatter_(outside, replacements);
        }
        return Scaled(values, stddev);
    }

    static torch.Tensor Uniform(long[] shape, DType dtype, double limit, torch.Generator? generator)
    {
        using Scalar shift = limit;
        return Scaled(torch.rand(shape, dtype.ScalarType, generator: generator), 2 * limit).sub_(shift);
    }

    /// <summary><paramref name="values"/> multiplied in place, the Scalar rooted for the native call (see Ops.WithScalar).</summary>
    static torch.Tensor Scaled(torch.Tensor values, double factor)
    {
        using Scalar scalar = factor;
        return values.mul_(scalar);
    }
}
