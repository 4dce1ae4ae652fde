using TorchSharp;

namespace TfNotes;

/// <summary>Comparisons (bool results) and the logical and bitwise ops behind the tensor operators.</summary>
internal static partial class Ops
{
    /// <summary>An elementwise comparison; ordering ones (Less, Greater…) take numbers only, as TensorFlow's kernels.</summary>
    internal static Tensor Compare(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f, bool ordering = true)
    {
        if (ordering) Require(op, a, Numeric);
        return Elementwise(op, a, b, f);
    }

    internal static Tensor Compare(string op, Tensor a, double b, Func<torch.Tensor, Scalar, torch.Tensor> f, bool ordering = true)
    {
        if (ordering) Require(op, a, Numeric);
        return WithScalar(a, b, f);
    }

    /// <summary>TensorFlow's LogicalAnd/Or/Xor: both inputs must be bool tensors.</summary>
    internal static Tensor Logical(string op, Tensor a, Tensor b, Func<torch.Tensor, torch.Tensor, torch.Tensor> f)
    {
        RequireDType(op, a, DType.Bool, 0);
        RequireDType(op, b, DType.Bool, 1);
        return Elementwise(op, a, b, f);
    }

    internal static Tensor LogicalNot(Tensor a)
    {
        RequireDType("LogicalNot", a, DType.Bool);
        return Elementwise("LogicalNot", a, t => t.logical_not());
    }

    /// <summary>
    /// The <c>&amp;</c>, <c>|</c>, <c>^</c> operators as TensorFlow's <c>__and__</c>…: logical on bool tensors, bitwise on
    /// integer tensors.
    /// </summary>
    internal static Tensor LogicalOrBitwise(string logicalOp, string bitwiseOp, Tensor a, Tensor b,
        Func<torch.Tensor, torch.Tensor, torch.Tensor> logical, Func<torch.Tensor, torch.Tensor, torch.Tensor> bitwise)
    {
        if (a.dtype == DType.Bool) return Logical(logicalOp, a, b, logical);
        Require(bitwiseOp, a, Integer);
        return Elementwise(bitwiseOp, a, b, bitwise);
    }

    /// <summary>TensorFlow's <c>__invert__</c> (<c>~</c>): logical not of a bool tensor, bitwise not of an integer one.</summary>
    internal static Tensor Invert(Tensor a)
    {
        if (a.dtype == DType.Bool) return LogicalNot(a);
        Require("Invert", a, Integer);
        return Elementwise("Invert", a, t => t.bitwise_not());
    }

    /// <summary>
    /// <c>a == b</c> between tensors, as TensorFlow 2's <c>__eq__</c>: elementwise, and shapes that do not broadcast
    /// give a scalar <c>false</c> (TensorFlow's <c>incompatible_shape_error=False</c>), where <c>tf.equal</c> raises.
    /// A null operand compares by reference (TensorFlow's <c>t == None</c> is False).
    /// </summary>
    internal static Tensor EqualOperator(Tensor? a, Tensor? b, bool equal)
    {
        if (a is null || b is null) return Tensor.Wrap(torch.tensor(ReferenceEquals(a, b) == equal));
        // In a traced map function, reading the shapes (a.shape) makes map fall back to one call per element.
        if (!Broadcastable(a.UntracedDims, b.UntracedDims) && a.shape != b.shape) return Tensor.Wrap(torch.tensor(!equal));
        return equal
            ? Compare("Equal", a, b, (x, y) => x.eq(y), ordering: false)
            : Compare("NotEqual", a, b, (x, y) => x.ne(y), ordering: false);
    }
}
