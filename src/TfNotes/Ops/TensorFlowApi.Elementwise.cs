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

    /// <summary><c>tf.math.sin</c>: the sine of each element; floats only.</summary>
    public Tensor sin(Tensor x) => Unary("Sin", x, Ops.Floating, t => t.sin());
    /// <summary><c>tf.math.cos</c>: the cosine of each element; floats only.</summary>
    public Tensor cos(Tensor x) => Unary("Cos", x, Ops.Floating, t => t.cos());
    /// <summary><c>tf.math.tan</c>: the tangent of each element; floats only.</summary>
    public Tensor tan(Tensor x) => Unary("Tan", x, Ops.Floating, t => t.tan());
    /// <summary><c>tf.math.tanh</c>: the hyperbolic tangent of each element; floats only.</summary>
    public Tensor tanh(Tensor x) => Unary("Tanh", x, Ops.Floating, t => t.tanh());
    /// <summary><c>tf.math.sigmoid</c>: 1 / (1 + exp(−x)) of each element; floats only.</summary>
    public Tensor sigmoid(Tensor x) => Unary("Sigmoid", x, Ops.Floating, t => t.sigmoid());
    /// <summary>−1, 0 or 1 by the sign of each element (0 for 0), in the input's dtype.</summary>
    public Tensor sign(Tensor x) => Unary("Sign", x, Ops.Numeric, t => t.sign());
    /// <summary><c>tf.math.negative</c>: −x of each element (the unary <c>-</c>); numbers only.</summary>
    public Tensor negative(Tensor x) => Unary("Neg", x, Ops.Numeric, t => t.neg());
    /// <summary><c>tf.math.floor</c>: the largest integer not greater than each element, in the input's float dtype;
    /// floats only.</summary>
    public Tensor floor(Tensor x) => Unary("Floor", x, Ops.Floating, t => t.floor());

    /// <summary>Rounds half to even (banker's rounding: 0.5 → 0, 1.5 → 2), as TensorFlow; integers are returned as they are.</summary>
    public Tensor round(Tensor x)
    {
        Ops.Require("Round", x, Ops.Numeric);
        return x.dtype.is_floating ? Ops.Elementwise("Round", x, t => t.round()) : x;
    }

    /// <summary>x / y as TensorFlow's truediv: integers divide as floats (int32 → float64), see <see cref="Ops.TrueDiv"/>.</summary>
    public Tensor truediv(Tensor x, Tensor y) => Ops.TrueDiv(x, y);

    /// <summary><c>tf.math.less</c>: x &lt; y elementwise with broadcasting, a bool tensor; numbers only.</summary>
    public Tensor less(Tensor x, Tensor y) => x < y;
    /// <summary><c>tf.math.less_equal</c>: x ≤ y elementwise with broadcasting, a bool tensor; numbers only.</summary>
    public Tensor less_equal(Tensor x, Tensor y) => x <= y;
    /// <summary><c>tf.math.greater</c>: x &gt; y elementwise with broadcasting, a bool tensor; numbers only.</summary>
    public Tensor greater(Tensor x, Tensor y) => x > y;
    /// <summary><c>tf.math.greater_equal</c>: x ≥ y elementwise with broadcasting, a bool tensor; numbers
    /// only.</summary>
    public Tensor greater_equal(Tensor x, Tensor y) => x >= y;
    /// <summary>Elementwise x ≠ y; unlike the <c>!=</c> operator, shapes that do not broadcast are an error.</summary>
    public Tensor not_equal(Tensor x, Tensor y) => Ops.Compare("NotEqual", x, y, (a, b) => a.ne(b), ordering: false);

    /// <summary><c>tf.math.logical_and</c>: x AND y elementwise with broadcasting; both must be bool tensors.</summary>
    public Tensor logical_and(Tensor x, Tensor y) => Ops.Logical("LogicalAnd", x, y, (a, b) => a.logical_and(b));
    /// <summary><c>tf.math.logical_or</c>: x OR y elementwise with broadcasting; both must be bool tensors.</summary>
    public Tensor logical_or(Tensor x, Tensor y) => Ops.Logical("LogicalOr", x, y, (a, b) => a.logical_or(b));
    /// <summary><c>tf.math.logical_xor</c>: x XOR y elementwise with broadcasting; both must be bool tensors.</summary>
    public Tensor logical_xor(Tensor x, Tensor y) => Ops.Logical("LogicalXor", x, y, (a, b) => a.logical_xor(b));
    /// <summary><c>tf.math.logical_not</c>: NOT x elementwise; a bool tensor only.</summary>
    public Tensor logical_not(Tensor x) => Ops.LogicalNot(x);
}
