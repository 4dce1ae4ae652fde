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

    /// <summary><c>tf.random.set_seed</c>: sets the global seed; the sequences of seeded ops restart, so a run after it
    /// repeats.</summary>
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

    /// <summary><c>tf.random.normal</c>: values drawn from a normal distribution of <paramref name="mean"/> and
    /// <paramref name="stddev"/>; float32 unless <paramref name="dtype"/> is float64.</summary>
    public Tensor normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, long? seed = null)
    {
        ElementwiseTrace.Stateful("random.normal");
        if (stddev < 0) throw new ArgumentException($"normal: stddev must be non-negative, got {stddev}", nameof(stddev));
        var type = Floating(dtype, "normal");
        var t = Ops.Allocate(shape, type, () => torch.randn(shape.dims, type.ScalarType, generator: Generator(seed)));
        using Scalar scale = stddev, shift = mean;
        return Tensor.Wrap(t.mul_(scale).add_(shift, Ops.One));
    }

    /// <summary>
    /// Values drawn uniformly from [minval, maxval). Floats default to [0, 1); integer dtypes (int32, int64) need
    /// <paramref name="maxval"/>, as TensorFlow ("Must specify maxval for integer dtype"), and draw whole numbers.
    /// </summary>
    public Tensor uniform(Shape shape, double minval = 0.0, double? maxval = null, DType? dtype = null, long? seed = null)
    {
        ElementwiseTrace.Stateful("random.uniform");
        var type = dtype ?? DType.Float32;
        if (type == DType.Int32 || type == DType.Int64) return UniformIntegers(shape, minval, maxval, type, seed);
        double max = maxval ?? 1.0;
        if (!(minval < max)) throw new ArgumentException($"uniform: minval {minval} must be less than maxval {max}", nameof(minval));
        Floating(type, "uniform");
        var t = Ops.Allocate(shape, type, () => torch.rand(shape.dims, type.ScalarType, generator: Generator(seed)));
        using Scalar scale = max - minval, shift = minval;
        return Tensor.Wrap(t.mul_(scale).add_(shift, Ops.One));
    }

    Tensor UniformIntegers(Shape shape, double minval, double? maxval, DType type, long? seed)
    {
        if (maxval is not { } max) throw new ArgumentException($"uniform: Must specify maxval for integer dtype {type}", nameof(maxval));
        if (minval != Math.Floor(minval) || max != Math.Floor(max))
            throw new ArgumentException($"uniform: minval and maxval must be whole numbers for dtype {type}, got {minval} and {max}", nameof(minval));
        if (!(minval < max)) throw new InvalidArgumentError($"RandomUniformInt: Need minval < maxval: {minval} >= {max}");
        return Tensor.Wrap(torch.randint((long)minval, (long)max, shape.dims, type.ScalarType, generator: Generator(seed)));
    }

    /// <summary>A generator per op seed, derived from the global seed, so each seeded op has its own sequence.</summary>
    internal torch.Generator? Generator(long? seed)
    {
        if (seed is null) return null;
        lock (seeded)
        {
            ulong derived = unchecked((ulong)(globalSeed * 1_000_003 + seed.Value));
            if (Data.PassRandomness.Current is { } pass) return pass.Generator(seed.Value, derived); // inside a dataset function
            if (!seeded.TryGetValue(seed.Value, out var g)) seeded[seed.Value] = g = new torch.Generator(derived);
            return g;
        }
    }

    /// <summary>The generators' state for a checkpoint: libtorch's global generator, the global seed and each op seed's generator.</summary>
    internal RandomState Capture()
    {
        lock (seeded)
            return new(torch.random.get_rng_state(), globalSeed, seeded.ToDictionary(e => e.Key, e => e.Value.get_state()));
    }

    /// <summary>Puts back a <see cref="Capture"/>d state, so the next values drawn are those that followed it.</summary>
    internal void Restore(RandomState state)
    {
        lock (seeded)
        {
            torch.random.set_rng_state(state.Global);
            globalSeed = state.GlobalSeed;
            foreach (var g in seeded.Values) g.Dispose();
            seeded.Clear();
            foreach (var (seed, generatorState) in state.OpSeeds)
            {
                var g = new torch.Generator((ulong)seed);
                g.set_state(generatorState);
                seeded[seed] = g;
            }
        }
    }

    /// <summary>Generator states (uint8 tensors, owned by the holder), see <see cref="Capture"/>.</summary>
    internal sealed record RandomState(torch.Tensor Global, long GlobalSeed, Dictionary<long, torch.Tensor> OpSeeds);

    static DType Floating(DType? dtype, string op)
    {
        var type = dtype ?? DType.Float32;
        if (!type.is_floating)
            throw new ArgumentException($"{op}: dtype must be float32 or float64" + (op == "uniform" ? ", int32 or int64" : "") + $", got {type}", nameof(dtype));
        return type;
    }
}
