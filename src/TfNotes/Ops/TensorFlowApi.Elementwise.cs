using TorchSharp;

namespace TfNotes;

/// <summary>
/// The elementwise ops TensorFlow 2 has at top level (<c>tf.sin</c>…, comparisons, logic); <c>tf.math</c> gives them
/// under the same names. Ops defined only for floats (TensorFlow's kernels) reject integer tensors.
/// </summary>
public sealed partial class TensorFlowApi
{
    MathApi? mathApi;

    /// <summary><c>tf.math</c>: the elementwise ops and reductions under their TensorFlow names.</summary>
    public MathApi math => mathApi ??= new(this);

    public Tensor sin(Tensor x) => Unary("Sin", x, Ops.Floating, t => t.sin());
    public Tensor cos(Tensor x) => Unary("Cos", x, Ops.Floating, t => t.cos());
    public Tensor tan(Tensor x) => Unary("Tan", x, Ops.Floating, t => t.tan());
    public Tensor tanh(Tensor x) => Unary("Tanh", x, Ops.Floating, t => t.tanh());
    public Tensor sigmoid(Tensor x) => Unary("Sigmoid", x, Ops.Floating, t => t.sigmoid());
    /// <summary>−1, 0 or 1 by the sign of each element (0 for 0), in the input's dtype.</summary>
    public Tensor sign(Tensor x) => Unary("Sign", x, Ops.Numeric, t => t.sign());
    public Tensor negative(Tensor x) => Unary("Neg", x, Ops.Numeric, t => t.neg());
    public Tensor floor(Tensor x) => Unary("Floor", x, Ops.Floating, t => t.floor());

    /// <summary>Rounds half to even (banker's rounding: 0.5 → 0, 1.5 → 2), as TensorFlow; integers are returned as they are.</summary>
    public Tensor round(Tensor x)
    {
        Ops.Require("Round", x, Ops.Numeric);
        return x.dtype.is_floating ? Ops.Elementwise("Round", x, t => t.round()) : x;
    }

    /// <summary>x / y as TensorFlow's truediv: integers divide as floats (int32 → float64), see <see cref="Ops.TrueDiv"/>.</summary>
    public Tensor truediv(Tensor x, Tensor y) => Ops.TrueDiv(x, y);

    public Tensor less(Tensor x, Tensor y) => x < y;
    public Tensor less_equal(Tensor x, Tensor y) => x <= y;
    public Tensor greater(Tensor x, Tensor y) => x > y;
    public Tensor greater_equal(Tensor x, Tensor y) => x >= y;
    /// <summary>Elementwise x ≠ y; unlike the <c>!=</c> operator, shapes that do not broadcast are an error.</summary>
    public Tensor not_equal(Tensor x, Tensor y) => Ops.Compare("NotEqual", x, y, (a, b) => a.ne(b), ordering: false);

    public Tensor logical_and(Tensor x, Tensor y) => Ops.Logical("LogicalAnd", x, y, (a, b) => a.logical_and(b));
    public Tensor logical_or(Tensor x, Tensor y) => Ops.Logical("LogicalOr", x, y, (a, b) => a.logical_or(b));
    public Tensor logical_xor(Tensor x, Tensor y) => Ops.Logical("LogicalXor", x, y, (a, b) => a.logical_xor(b));
    public Tensor logical_not(Tensor x) => Ops.LogicalNot(x);
}
