using TorchSharp;

namespace TfNotes;

/// <summary>The <c>tf</c> object: TensorFlow's eager API with TensorFlow.NET's names, computed by libtorch.</summary>
public sealed partial class TensorFlowApi
{
    internal TensorFlowApi() => Engine.TorchRuntime.EnsureLoaded();

    /// <summary>
    /// The TensorFlow release whose semantics TfNotes follows and is tested against: dtypes, defaults, error texts and
    /// printing are those of TensorFlow 2.16.1's API reference (the 2.16 docs, the last line built for NumPy 1.x, whose
    /// printing TensorFlow's tensors show: <c>numpy=1.0</c>, not NumPy 2's <c>np.float32(1.0)</c>) and of Keras 3.
    /// </summary>
    public string __version__ => "2.16.1";

    /// <summary><c>tf.float32</c>, the default dtype of floating-point tensors and variables.</summary>
    public DType float32 => DType.Float32;
    /// <summary><c>tf.float64</c>.</summary>
    public DType float64 => DType.Float64;
    /// <summary><c>tf.int32</c>, the dtype of tensors made from C# <c>int</c>.</summary>
    public DType int32 => DType.Int32;
    /// <summary><c>tf.int64</c>, the dtype of tensors made from C# <c>long</c>.</summary>
    public DType int64 => DType.Int64;
    /// <summary><c>tf.uint8</c>, the dtype of image bytes (Fashion-MNIST's pixels).</summary>
    public DType uint8 => DType.UInt8;
    /// <summary><c>tf.bool</c>.</summary>
    public DType @bool => DType.Bool;

    /// <summary><c>tf.nn</c>: activations, softmax, cross-entropy with logits, moments.</summary>
    public NnApi nn { get; } = new();
    /// <summary><c>tf.random</c>: seeded normal, uniform and truncated-normal tensors, <c>set_seed</c>.</summary>
    public RandomApi random { get; } = new();
    /// <summary><c>tf.keras</c>: layers, losses, metrics, optimizers, initializers, datasets.</summary>
    public KerasApi keras { get; } = new();
    /// <summary><c>tf.config</c>: the devices TfNotes computes on (the CPU) and its thread counts.</summary>
    public ConfigApi config { get; } = new();

    /// <summary>A constant from a scalar, a rectangular .NET array or a NumSharp array; <paramref name="shape"/> reshapes it.</summary>
    public Tensor constant(object value, DType? dtype = null, Shape? shape = null) =>
        TensorConversion.FromObject(value, dtype, shape, nameof(value));

    /// <summary>Makes a tensor of <paramref name="value"/> (returned as is when it is already a tensor of that dtype).</summary>
    public Tensor convert_to_tensor(object value, DType? dtype = null) => TensorConversion.FromObject(value, dtype, null, nameof(value));

    /// <summary><c>tf.Variable</c>: a mutable tensor that tapes watch and optimizers update.</summary>
    public Variable Variable(object initial_value, bool trainable = true, string? name = null, DType? dtype = null) =>
        TfNotes.Variable.Create(initial_value, trainable, name, dtype);

    /// <summary><c>tf.GradientTape()</c>: records the operations of a <c>using</c> block for <c>tape.gradient</c>.</summary>
    public GradientTape GradientTape(bool persistent = false, bool watch_accessed_variables = true) =>
        new(persistent, watch_accessed_variables);

    /// <summary>A tensor of <paramref name="shape"/> filled with 0 (float32 unless <paramref name="dtype"/> says otherwise).</summary>
    public Tensor zeros(Shape shape, DType? dtype = null) => Filled(shape, dtype ?? float32, (d, t) => torch.zeros(d, t));
    /// <summary>A tensor of <paramref name="shape"/> filled with 1 (float32 unless <paramref name="dtype"/> says otherwise).</summary>
    public Tensor ones(Shape shape, DType? dtype = null) => Filled(shape, dtype ?? float32, (d, t) => torch.ones(d, t));

    static Tensor Filled(Shape shape, DType dtype, Func<long[], torch.ScalarType, torch.Tensor> make) =>
        Tensor.Wrap(Ops.Allocate(shape, dtype, () => make(Dims(shape), dtype.ScalarType)));

    /// <summary>Zeros with the shape and dtype of <paramref name="input"/>.</summary>
    public Tensor zeros_like(Tensor input) => Ops.Elementwise(input, t => torch.zeros_like(t));
    /// <summary>Ones with the shape and dtype of <paramref name="input"/>.</summary>
    public Tensor ones_like(Tensor input) => Ops.Elementwise(input, t => torch.ones_like(t));

    /// <summary>A tensor of <paramref name="dims"/> filled with <paramref name="value"/> (its dtype from the .NET type).</summary>
    public Tensor fill(Shape dims, object value)
    {
        var scalar = TensorConversion.FromObject(value, null, null, nameof(value));
        try
        {
            if (scalar.ndim != 0) throw new ArgumentException($"fill: value must be a scalar, got shape {scalar.shape}", nameof(value));
            using var broadcast = scalar.Native.expand(Dims(dims));
            return Tensor.Wrap(Ops.Allocate(dims, scalar.dtype, broadcast.contiguous));
        }
        finally
        {
            if (!ReferenceEquals(scalar, value)) scalar.Dispose(); // a tensor given as the value is the caller's
        }
    }

    /// <summary><c>tf.range(limit)</c> / <c>tf.range(start, limit, delta)</c>; int32 unless a dtype is given.</summary>
    public Tensor range(double start, double? limit = null, double delta = 1, DType? dtype = null)
    {
        if (delta == 0) throw new ArgumentException("range: delta must not be 0", nameof(delta));
        var (from, to) = limit is null ? (0, start) : (start, limit.Value);
        var type = dtype ?? (IsWhole(from) && IsWhole(to) && IsWhole(delta) ? int32 : float32);
        using Scalar first = from, end = to, step = delta; // rooted for the native call: see Ops.WithScalar
        return Tensor.Wrap(torch.arange(first, end, step, type.ScalarType));
    }

    static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) == 0;

    static long[] Dims(Shape shape)
    {
        if (shape.dims.Any(d => d < 0)) throw new ArgumentException($"shape {shape} has a negative dimension", nameof(shape));
        return shape.dims;
    }
}
