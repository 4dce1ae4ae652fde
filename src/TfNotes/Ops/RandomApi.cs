using TorchSharp;

namespace TfNotes;

/// <summary>
/// <c>tf.random</c>. <c>set_seed</c> makes runs reproducible: it seeds libtorch's global generator and restarts the
/// sequences of ops given their own <c>seed</c>.
/// </summary>
public sealed class RandomApi
{
    readonly Dictionary<long, torch.Generator> seeded = [];
    long globalSeed;

    internal RandomApi() { }

    public void set_seed(long seed)
    {
        lock (seeded)
        {
            globalSeed = seed;
            torch.manual_seed(seed);
            foreach (var g in seeded.Values) g.Dispose();
            seeded.Clear();
        }
    }

    public Tensor normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, long? seed = null)
    {
        ElementwiseTrace.Stateful("random.normal");
        if (stddev < 0) throw new ArgumentException($"normal: stddev must be non-negative, got {stddev}", nameof(stddev));
        var type = Floating(dtype, "normal");
        var t = Ops.Allocate(shape, type, () => torch.randn(shape.dims, type.ScalarType, generator: Generator(seed)));
        using Scalar scale = stddev, shift = mean;
        return Tensor.Wrap(t.mul_(scale).add_(shift, Ops.One));
    }

    public Tensor uniform(Shape shape, double minval = 0.0, double maxval = 1.0, DType? dtype = null, long? seed = null)
    {
        ElementwiseTrace.Stateful("random.uniform");
        if (!(minval < maxval)) throw new ArgumentException($"uniform: minval {minval} must be less than maxval {maxval}", nameof(minval));
        var type = Floating(dtype, "uniform");
        var t = Ops.Allocate(shape, type, () => torch.rand(shape.dims, type.ScalarType, generator: Generator(seed)));
        using Scalar scale = maxval - minval, shift = minval;
        return Tensor.Wrap(t.mul_(scale).add_(shift, Ops.One));
    }

    /// <summary>A generator per op seed, derived from the global seed, so each seeded op has its own sequence.</summary>
    internal torch.Generator? Generator(long? seed)
    {
        if (seed is null) return null;
        lock (seeded)
        {
            if (!seeded.TryGetValue(seed.Value, out var g))
                seeded[seed.Value] = g = new torch.Generator(unchecked((ulong)(globalSeed * 1_000_003 + seed.Value)));
            return g;
        }
    }

    static DType Floating(DType? dtype, string op)
    {
        var type = dtype ?? DType.Float32;
        if (!type.is_floating) throw new ArgumentException($"{op}: dtype must be float32 or float64, got {type}", nameof(dtype));
        return type;
    }
}
