using System.Runtime.InteropServices;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// The op implementations behind <c>tf.*</c> and the tensor operators: thin calls into libtorch, with TensorFlow's
/// checks (matching dtypes) and TensorFlow-style errors naming the op and the shapes.
/// </summary>
internal static class Ops
{
    /// <summary>An elementwise op of two tensors (broadcasting).</summary>
    internal static Tensor Elementwise(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a, b);
        return trace.Result(Binary(op, a, b, f), a, b);
    }

    /// <summary>An elementwise op of one tensor.</summary>
    internal static Tensor Elementwise(Tensor a, Func<torch.Tensor, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a);
        return trace.Result(Unary(a, f), a);
    }

    /// <summary>An op of two tensors of the same dtype, with TensorFlow's errors.</summary>
    internal static Tensor Binary(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        (a, b) = Promote(a, b);
        var x = a.Native;
        var y = b.Native;
        if (x.dtype != y.dtype)
            throw new InvalidArgumentError($"{op}: cannot compute {op} as input #1 (zero-based) was expected to be a " +
                $"{DType.FromTorch(x.dtype)} tensor but is a {DType.FromTorch(y.dtype)} tensor (shapes {a.shape} and {b.shape})");
        try
        {
            return Tensor.Wrap(f(x, y), a, b);
        }
        catch (ExternalException e) when (!IsOutOfMemory(e))
        {
            throw new InvalidArgumentError($"{op}: Incompatible shapes: {a.shape.Brackets} vs. {b.shape.Brackets}", e);
        }
        catch (ExternalException e)
        {
            throw new ResourceExhaustedError($"{op}: OOM computing a result of inputs of shapes {a.shape.Brackets} and {b.shape.Brackets}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// A .NET number given where a tensor was expected takes the other operand's dtype, as TensorFlow converts a Python
    /// number against the tensor it meets (two numbers: the second takes the first's).
    /// </summary>
    internal static (Tensor, Tensor) Promote(Tensor a, Tensor b)
    {
        if (a.Literal is null && b.Literal is null) return (a, b);
        var (da, db) = (a.dtype, b.dtype);
        if (da == db) return (a, b);
        if (b.Literal is { } nb) return (a, Tensor.Wrap(TensorConversion.Scalar(nb, da, "y")));
        return (Tensor.Wrap(TensorConversion.Scalar(a.Literal!, db, "x")), b);
    }

    internal static Tensor Unary(Tensor a, Func<torch.Tensor, torch.Tensor> f) => Tensor.Wrap(f(a.Native), a);

    /// <summary>
    /// The alpha of add, rooted here: TorchSharp's one-argument <c>add</c>/<c>add_</c> pass an unrooted implicit Scalar
    /// alpha (see <see cref="WithScalar"/>), so every add in TfNotes passes this one.
    /// </summary>
    internal static readonly Scalar One = 1.ToScalar();

    /// <summary>
    /// An op with a .NET number, which takes the tensor's dtype as TensorFlow converts a Python number (a fraction for an
    /// integer tensor is a <see cref="TypeError"/>). The TorchSharp Scalar is disposed here: an implicitly converted one
    /// is unreachable during the native call, and a GC started by another thread (a prefetch thread) could finalize it
    /// mid-call.
    /// </summary>
    internal static Tensor WithScalar(Tensor a, double value, Func<torch.Tensor, Scalar, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a);
        if (!a.dtype.is_floating) TensorConversion.Check(value, a.dtype, "y");
        using var scalar = value.ToScalar();
        return trace.Result(Tensor.Wrap(f(a.Native, scalar), a), a);
    }

    /// <summary>The same with an integer (Python's int), which any dtype takes that can hold it. An integral Scalar for
    /// integer tensors: libtorch would promote an integer tensor combined with a floating one.</summary>
    internal static Tensor WithScalar(Tensor a, long value, Func<torch.Tensor, Scalar, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a);
        var dtype = a.dtype;
        if (dtype.is_floating)
        {
            using var real = ((double)value).ToScalar();
            return trace.Result(Tensor.Wrap(f(a.Native, real), a), a);
        }
        TensorConversion.Check(value, dtype, "y");
        using var scalar = value.ToScalar();
        return trace.Result(Tensor.Wrap(f(a.Native, scalar), a), a);
    }

    /// <summary>For libtorch errors whose cause is the arguments: rethrown naming the op and the input shapes.</summary>
    internal static Tensor Checked(string op, Tensor a, Func<torch.Tensor, torch.Tensor> f, string? detail = null)
    {
        try
        {
            return Tensor.Wrap(f(a.Native), a);
        }
        catch (ExternalException e)
        {
            throw new InvalidArgumentError($"{op}: invalid argument for input of shape {a.shape}{detail}: {FirstLine(e.Message)}", e);
        }
    }

    internal static string FirstLine(string message) => message.Split('\n')[0];

    /// <summary>A tensor of <paramref name="shape"/> and <paramref name="dtype"/> made by <paramref name="make"/>; an
    /// allocation libtorch refuses is TensorFlow's ResourceExhaustedError naming the size asked for.</summary>
    internal static torch.Tensor Allocate(Shape shape, DType dtype, Func<torch.Tensor> make)
    {
        try
        {
            return make();
        }
        catch (ExternalException e) when (IsOutOfMemory(e))
        {
            throw OutOfMemory(shape, dtype, e);
        }
    }

    internal static bool IsOutOfMemory(ExternalException e) => e.Message.Contains("can't allocate memory", StringComparison.Ordinal);

    internal static ResourceExhaustedError OutOfMemory(Shape shape, DType dtype, Exception inner)
    {
        var bytes = shape.size * dtype.ScalarType.ElementSize();
        return new($"OOM when allocating tensor with shape{shape.Brackets} and type {dtype} on CPU " +
            $"({bytes:N0} bytes; libtorch: {FirstLine(inner.Message)})", inner);
    }

    internal static Tensor MatMul(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        var x = a.Native;
        var y = b.Native;
        if (x.dtype != y.dtype)
            throw new InvalidArgumentError($"MatMul: cannot compute MatMul as input #1 (zero-based) was expected to be a " +
                $"{DType.FromTorch(x.dtype)} tensor but is a {DType.FromTorch(y.dtype)} tensor");
        if (x.dim() < 2 || y.dim() < 2)
            throw new InvalidArgumentError($"MatMul: In[0] and In[1] must have rank >= 2, but have shapes {a.shape.Brackets} and {b.shape.Brackets}");
        long inner = transposeA ? x.shape[^2] : x.shape[^1];
        long innerB = transposeB ? y.shape[^1] : y.shape[^2];
        if (inner != innerB)
            throw new InvalidArgumentError($"MatMul: Matrix size-incompatible: In[0]: {a.shape.Brackets}, In[1]: {b.shape.Brackets}" +
                (transposeA || transposeB ? $" (transpose_a={transposeA}, transpose_b={transposeB})" : ""));
        try
        {
            if (!transposeA && !transposeB) return Tensor.Wrap(x.matmul(y), a, b);
            using var left = transposeA ? x.transpose(-1, -2) : x.alias();
            using var right = transposeB ? y.transpose(-1, -2) : y.alias();
            return Tensor.Wrap(left.matmul(right), a, b);
        }
        catch (ExternalException e)
        {
            throw new InvalidArgumentError($"MatMul: Incompatible batch shapes: In[0]: {a.shape.Brackets}, In[1]: {b.shape.Brackets}", e);
        }
    }

    internal static Tensor Cast(Tensor x, DType dtype) => Elementwise(x, t => t.to_type(dtype.ScalarType));

    internal static Tensor Reshape(Tensor x, Shape shape, string op = "Reshape")
    {
        long known = shape.dims.Where(d => d >= 0).Aggregate(1L, (p, d) => p * d);
        long size = x.shape.size;
        int unknown = shape.dims.Count(d => d < 0);
        bool fits = unknown == 0 ? known == size : unknown == 1 && known > 0 && size % known == 0;
        if (!fits)
            throw new InvalidArgumentError($"{op}: Input to reshape is a tensor with {size} values, but the requested shape {shape.Brackets} " +
                (unknown == 0 ? $"has {known}" : $"is not compatible"));
        return Unary(x, t => t.reshape(shape.dims));
    }

    /// <summary>TensorFlow reduces over all axes when none are given; libtorch needs them spelled out.</summary>
    internal static long[] Axes(Tensor x, int[]? axis, string op)
    {
        int rank = x.ndim;
        if (axis is null) return Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        foreach (var a in axis)
            if (a < -rank || a >= rank || (rank == 0 && a != 0))
                throw new InvalidArgumentError($"{op}: Invalid reduction dimension ({a} for input with {rank} dimension(s)), input shape {x.shape}");
        return axis.Select(a => (long)(a < 0 ? a + rank : a)).ToArray();
    }
}
