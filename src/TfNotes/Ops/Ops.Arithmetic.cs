using TorchSharp;

namespace TfNotes;

/// <summary>Division and the ops whose integer semantics differ from libtorch's defaults.</summary>
internal static partial class Ops
{
    /// <summary>
    /// <c>+</c>, <c>−</c>, <c>*</c> of two tensors: numbers only, as TensorFlow's kernels (libtorch would add bool
    /// tensors as a logical or).
    /// </summary>
    internal static Tensor Arithmetic(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        Require(op, a, Numeric);
        return Elementwise(op, a, b, f);
    }

    /// <summary>
    /// <c>x / y</c> as TensorFlow's <c>truediv</c>: integers are divided as floats — uint8 in float32, int32 and int64
    /// in float64 (TensorFlow's table) — floats as they are; bool is TensorFlow's TypeError.
    /// </summary>
    internal static Tensor TrueDiv(Tensor x, Tensor y)
    {
        var dtype = x.dtype;
        if (dtype != y.dtype)
            throw new ArgumentException($"truediv: `x` and `y` must have the same dtype, got {dtype} != {y.dtype} (shapes {x.shape} and {y.shape})");
        var target = TrueDivType(dtype);
        if (target == dtype) return Elementwise("RealDiv", x, y, (a, b) => a.div(b));
        return Elementwise("RealDiv", x, y, (a, b) =>
        {
            using var left = a.to_type(target.ScalarType);
            using var right = b.to_type(target.ScalarType);
            return left.div(right);
        });
    }

    /// <summary>The dtype <c>truediv</c> computes in for inputs of <paramref name="dtype"/> (TensorFlow's _TRUEDIV_TABLE).</summary>
    internal static DType TrueDivType(DType dtype)
    {
        if (dtype == DType.Bool) throw new ArgumentException("truediv: Invalid dtype bool in __truediv__");
        if (dtype == DType.UInt8) return DType.Float32;
        if (dtype == DType.Int32 || dtype == DType.Int64) return DType.Float64;
        return dtype;
    }

    /// <summary>
    /// <c>floor(x / y)</c>, TensorFlow's FloorDiv: integers stay integers, rounded toward −∞ (−7 // 2 = −4); floats are
    /// <c>floor(x / y)</c> computed as TensorFlow does (libtorch's floor rounding mode adjusts by fmod, e.g. 1 // 0.1
    /// gives 9 there and 10 in TensorFlow).
    /// </summary>
    internal static Tensor FloorDiv(Tensor x, Tensor y)
    {
        Require("FloorDiv", x, Numeric);
        return Elementwise("FloorDiv", x, y, (a, b) =>
        {
            if (!b.is_floating_point())
            {
                RequireNoZero("FloorDiv", b);
                return a.div(b, torch.RoundingMode.floor);
            }
            using var quotient = a.div(b);
            return quotient.floor();
        });
    }

    /// <summary>
    /// <c>x − floor(x / y)·y</c>, TensorFlow's FloorMod (Python's <c>%</c>): the result has the sign of
    /// <paramref name="y"/>; integers stay integers.
    /// </summary>
    internal static Tensor FloorMod(Tensor x, Tensor y)
    {
        Require("FloorMod", x, Numeric);
        return Elementwise("FloorMod", x, y, (a, b) =>
        {
            if (!b.is_floating_point()) RequireNoZero("FloorMod", b);
            return a.remainder(b);
        });
    }

    internal static void RequireNoZero(string op, torch.Tensor divisor)
    {
        using var zero = divisor.eq(Zero);
        using var any = zero.any();
        if (Tensor.BoolItem(any)) throw new InvalidArgumentError($"{op}: Integer division by zero");
    }

    internal static readonly Scalar Zero = 0.ToScalar();

    /// <summary>x², as TorchSharp's <c>square()</c> computes it (<c>pow(2)</c>) but with a Scalar kept for the process:
    /// <c>square()</c> converts the 2 into a new Scalar it never disposes, one more object for the finalizer per call.</summary>
    internal static torch.Tensor Square(torch.Tensor x) => x.pow(Two);

    static readonly Scalar Two = 2.ToScalar();

    /// <summary>
    /// The larger of x and y, with TensorFlow's gradient: at a tie all of it goes to x (TensorFlow's x ≥ y mask;
    /// libtorch would split it). NaN propagates from either side.
    /// </summary>
    internal static Tensor Maximum(Tensor x, Tensor y) => Select("Maximum", x, y, (a, b) => a.ge(b));

    /// <summary>The smaller of x and y; at a tie the gradient goes to x (TensorFlow's x ≤ y mask).</summary>
    internal static Tensor Minimum(Tensor x, Tensor y) => Select("Minimum", x, y, (a, b) => a.le(b));

    static Tensor Select(string op, Tensor x, Tensor y, Func<torch.Tensor, torch.Tensor, torch.Tensor> takeX)
    {
        Require(op, x, Numeric);
        return Elementwise(op, x, y, (a, b) =>
        {
            using var mask = takeX(a, b);
            using var nan = a.isnan();
            using var chosen = mask.logical_or(nan);
            return torch.where(chosen, a, b);
        });
    }
}
