using System.Runtime.InteropServices;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// The op implementations behind <c>tf.*</c> and the tensor operators: thin calls into libtorch, with TensorFlow's
/// checks (matching dtypes) and TensorFlow-style errors naming the op and the shapes.
/// </summary>
internal static partial class Ops
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

    /// <summary>An elementwise op of one tensor whose libtorch errors are reported naming <paramref name="op"/>.</summary>
    internal static Tensor Elementwise(string op, Tensor a, Func<torch.Tensor, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a);
        return trace.Result(Unary(op, a, f), a);
    }

    /// <summary>An elementwise op of three tensors broadcast together (select).</summary>
    internal static Tensor Elementwise(string op, Tensor a, Tensor b, Tensor c, Func<torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        using var trace = new ElementwiseTrace.Op(a, b, c);
        return trace.Result(Guarded(op, [a, b, c], () => f(a.Native, b.Native, c.Native)), a, b, c);
    }

    /// <summary>An op of two tensors of the same dtype, with TensorFlow's errors.</summary>
    internal static Tensor Binary(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        (a, b) = Promote(a, b);
        var x = a.Native;
        var y = b.Native;
        if (a.dtype != b.dtype)
            throw new InvalidArgumentError($"{op}: cannot compute {op} as input #1 (zero-based) was expected to be a " +
                $"{a.dtype} tensor but is a {b.dtype} tensor (shapes {a.shape} and {b.shape})");
        torch.Tensor result;
        try
        {
            result = f(x, y);
        }
        catch (ExternalException e)
        {
            throw Failure(op, [a, b], e);
        }
        return Tensor.Wrap(result, a, b);
    }

    internal static Tensor Unary(Tensor a, Func<torch.Tensor, torch.Tensor> f) => Unary("op", a, f);

    internal static Tensor Unary(string op, Tensor a, Func<torch.Tensor, torch.Tensor> f) => Unary(op, a, f, static (t, f) => f(t));

    /// <summary>An op of one tensor whose call takes <paramref name="state"/> (a static lambda then allocates nothing).</summary>
    internal static Tensor Unary<TState>(string op, Tensor a, TState state, Func<torch.Tensor, TState, torch.Tensor> f)
    {
        torch.Tensor result;
        try
        {
            result = f(a.Native, state);
        }
        catch (ExternalException e)
        {
            throw Failure(op, [a], e);
        }
        return Tensor.Wrap(result, a);
    }

    /// <summary>
    /// Runs a libtorch call whose result is wrapped as an op of <paramref name="inputs"/>; a libtorch error becomes an
    /// <see cref="InvalidArgumentError"/> naming the op and the inputs' shapes and dtypes, never a bare native message.
    /// </summary>
    internal static Tensor Guarded(string op, Tensor[] inputs, Func<torch.Tensor> call)
    {
        torch.Tensor result;
        try
        {
            result = call();
        }
        catch (ExternalException e)
        {
            throw Failure(op, inputs, e);
        }
        return inputs.Length == 1 ? Tensor.Wrap(result, inputs[0]) : Tensor.Wrap(result, inputs);
    }

    /// <summary>What a libtorch error in <paramref name="op"/> of <paramref name="inputs"/> is to a user: TensorFlow's
    /// incompatible-shapes error, an invalid argument naming the inputs, or running out of memory.</summary>
    internal static Exception Failure(string op, Tensor[] inputs, ExternalException e)
    {
        if (inputs.Length > 1 && !Broadcastable(inputs.Select(t => t.shape.dims).ToArray()))
            return new InvalidArgumentError($"{op}: Incompatible shapes: {string.Join(" vs. ", inputs.Select(t => t.shape.Brackets))}", e);
        if (!IsOutOfMemory(e))
        {
            var described = string.Join(", ", inputs.Select(t => $"{t.dtype} {t.shape}"));
            return new InvalidArgumentError($"{op}: {FirstLine(e.Message)} (inputs: {described})", e);
        }
        return new ResourceExhaustedError($"{op}: OOM computing a result of inputs of shapes " +
            $"{string.Join(", ", inputs.Select(t => t.shape.Brackets))}: {FirstLine(e.Message)}", e);
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

    /// <summary>NumPy's broadcasting rule: trailing dimensions equal or 1.</summary>
    internal static bool Broadcastable(params long[][] shapes)
    {
        int rank = shapes.Max(s => s.Length);
        for (int i = 1; i <= rank; i++)
        {
            long size = 1;
            foreach (var s in shapes)
            {
                long d = i <= s.Length ? s[^i] : 1;
                if (d == 1) continue;
                if (size != 1 && size != d) return false;
                size = d;
            }
        }
        return true;
    }

    internal static readonly DType[] Floating = [DType.Float32, DType.Float64];
    internal static readonly DType[] Integer = [DType.Int32, DType.Int64, DType.UInt8];
    internal static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    /// <summary>TensorFlow's check of an op's type attribute: the dtype must be one the op's kernels take.</summary>
    internal static void Require(string op, Tensor x, DType[] allowed, string attribute = "T")
    {
        var dtype = x.dtype;
        if (Array.IndexOf(allowed, dtype) < 0)
            throw new InvalidArgumentError($"{op}: Value for attr '{attribute}' of {dtype} is not in the list of allowed values: " +
                $"{string.Join(", ", allowed.Select(d => d.name))} (input of shape {x.shape})");
    }

    /// <summary>TensorFlow's check of an input whose dtype the op fixes (bool for the logical ops).</summary>
    internal static void RequireDType(string op, Tensor x, DType expected, int input = 0)
    {
        if (x.dtype != expected)
            throw new InvalidArgumentError($"{op}: cannot compute {op} as input #{input}(zero-based) was expected to be a " +
                $"{expected} tensor but is a {x.dtype} tensor (shape {x.shape})");
    }

    /// <summary>
    /// The alpha of add, rooted here: TorchSharp's one-argument <c>add</c>/<c>add_</c> pass an unrooted implicit Scalar
    /// alpha (see <see cref="WithScalar(Tensor, double, Func{torch.Tensor, Scalar, torch.Tensor})"/>), so every add in TfNotes passes this one.
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
        long inner = x.size(transposeA ? -2 : -1);
        long innerB = y.size(transposeB ? -1 : -2);
        if (inner != innerB)
            throw new InvalidArgumentError($"MatMul: Matrix size-incompatible: In[0]: {a.shape.Brackets}, In[1]: {b.shape.Brackets}" +
                (transposeA || transposeB ? $" (transpose_a={transposeA}, transpose_b={transposeB})" : ""));
        try
        {
            if (!transposeA && !transposeB) return Tensor.Wrap(x.matmul(y), a, b);
            using var left = transposeA ? x.transpose(-1, -2) : null;
            using var right = transposeB ? y.transpose(-1, -2) : null;
            return Tensor.Wrap((left ?? x).matmul(right ?? y), a, b);
        }
        catch (ExternalException e)
        {
            throw new InvalidArgumentError($"MatMul: Incompatible batch shapes: In[0]: {a.shape.Brackets}, In[1]: {b.shape.Brackets}", e);
        }
    }

    /// <summary>
    /// <c>bias_add(matmul(x, kernel), bias)</c> of a matrix <paramref name="x"/> as one libtorch <c>addmm</c>, as
    /// PyTorch's Linear runs it: one op forward, and a backward of the two products and the bias' sum.
    /// </summary>
    internal static Tensor MatMulBiasAdd(Tensor x, Tensor kernel, Tensor bias) =>
        Guarded("MatMul", [x, kernel, bias], () => torch.addmm(bias.Native, x.Native, kernel.Native, beta: 1, alpha: 1));

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
        var dims = new long[axis?.Length ?? rank];
        for (int i = 0; i < dims.Length; i++)
        {
            if (axis is null)
            {
                dims[i] = i;
                continue;
            }
            int a = axis[i];
            if (a < -rank || a >= rank || (rank == 0 && a != 0))
                throw new InvalidArgumentError($"{op}: Invalid reduction dimension ({a} for input with {rank} dimension(s)), input shape {x.shape}");
            dims[i] = a < 0 ? a + rank : a;
        }
        return dims;
    }
}
