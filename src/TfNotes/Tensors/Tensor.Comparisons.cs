using System.Runtime.CompilerServices;

namespace TfNotes;

/// <remarks>
/// <para><b>Equality.</b> <c>a == b</c> and <c>a != b</c> between tensors are elementwise, as in TensorFlow 2: they
/// give a bool tensor (<c>tf.Tensor([ True False], shape=(2,), dtype=bool)</c>), never reference equality. Shapes that
/// do not broadcast give a scalar <c>false</c> for <c>==</c> (TensorFlow's <c>__eq__</c>); <c>tf.equal</c> raises
/// instead. A one-element bool tensor works in <c>if</c>, <c>while</c>, <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c>
/// through <c>operator true/false</c>; a larger one throws TensorFlow's "The truth value of a tensor with more than one
/// element is ambiguous". Test for null with <c>t is null</c> (<c>t == null</c> works, but makes a tensor).</para>
/// <para><see cref="Equals(object?)"/> and <see cref="GetHashCode"/> stay reference identity, so tensors remain
/// usable as dictionary keys and in sets (a tensor, like TensorFlow's, is hashed by identity).</para>
/// </remarks>
public partial class Tensor
{
    /// <summary><c>a &lt; b</c>: TensorFlow's <c>less</c>, elementwise with broadcasting; numbers only, a bool tensor
    /// results.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => Ops.Compare("Less", a, b, (x, y) => x.lt(y));
    /// <summary><c>a &lt;= b</c>: TensorFlow's <c>less_equal</c>, elementwise with broadcasting; numbers only, a bool
    /// tensor results.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => Ops.Compare("LessEqual", a, b, (x, y) => x.le(y));
    /// <summary><c>a &gt; b</c>: TensorFlow's <c>greater</c>, elementwise with broadcasting; numbers only, a bool
    /// tensor results.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => Ops.Compare("Greater", a, b, (x, y) => x.gt(y));
    /// <summary><c>a &gt;= b</c>: TensorFlow's <c>greater_equal</c>, elementwise with broadcasting; numbers only, a
    /// bool tensor results.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => Ops.Compare("GreaterEqual", a, b, (x, y) => x.ge(y));

    // A .NET number on either side converts to a tensor of the other side's dtype (Ops.Promote), as TensorFlow converts
    // a Python number: t > 3 on an int32 tensor compares int32s; t > 3.5 there is TypeError.

    /// <summary><c>a == b</c>: TensorFlow 2's <c>__eq__</c>, elementwise <c>equal</c>; shapes that do not broadcast
    /// give a scalar <c>false</c>, a null operand compares by reference.</summary>
    public static Tensor operator ==(Tensor? a, Tensor? b) => Ops.EqualOperator(a, b, equal: true);
    /// <summary><c>a != b</c>: TensorFlow 2's <c>__ne__</c>, elementwise <c>not_equal</c>; shapes that do not broadcast
    /// give a scalar <c>true</c>, a null operand compares by reference.</summary>
    public static Tensor operator !=(Tensor? a, Tensor? b) => Ops.EqualOperator(a, b, equal: false);

    /// <summary>
    /// The dimensions, read without counting as a read of a traced map element (<see cref="ElementwiseTrace"/>): for
    /// checks whose outcome is the same for an element and a batch of them, such as whether shapes broadcast.
    /// </summary>
    internal long[] UntracedDims => Dims(Unchecked);

    /// <summary>Reference identity (see the class remarks: <c>==</c> is elementwise).</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    /// <summary>A hash of the reference (see the class remarks: tensors are hashed by identity, as
    /// TensorFlow's).</summary>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    /// <summary>Python's <c>if t:</c>: whether the single element of a one-element tensor is non-zero; a larger tensor
    /// throws TensorFlow's ambiguous-truth-value error.</summary>
    public static bool operator true(Tensor t) => t.Truth();
    /// <summary>The negation of <c>operator true</c> (for <c>&amp;&amp;</c> and <c>||</c>).</summary>
    public static bool operator false(Tensor t) => !t.Truth();

    // Logical on bool tensors, bitwise on integer ones (TensorFlow's __and__, __or__, __xor__, __invert__).
    /// <summary><c>a &amp; b</c>: TensorFlow's <c>__and__</c>: <c>logical_and</c> of bool tensors, <c>bitwise_and</c>
    /// of integer ones.</summary>
    public static Tensor operator &(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalAnd", "BitwiseAnd", a, b, (x, y) => x.logical_and(y), (x, y) => x.bitwise_and(y));
    /// <summary><c>a | b</c>: TensorFlow's <c>__or__</c>: <c>logical_or</c> of bool tensors, <c>bitwise_or</c> of
    /// integer ones.</summary>
    public static Tensor operator |(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalOr", "BitwiseOr", a, b, (x, y) => x.logical_or(y), (x, y) => x.bitwise_or(y));
    /// <summary><c>a ^ b</c>: TensorFlow's <c>__xor__</c>: <c>logical_xor</c> of bool tensors, <c>bitwise_xor</c> of
    /// integer ones.</summary>
    public static Tensor operator ^(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalXor", "BitwiseXor", a, b, (x, y) => x.logical_xor(y), (x, y) => x.bitwise_xor(y));
    /// <summary><c>~a</c>: TensorFlow's <c>__invert__</c>: <c>logical_not</c> of a bool tensor, <c>bitwise.invert</c>
    /// of an integer one.</summary>
    public static Tensor operator ~(Tensor a) => Ops.Invert(a);
    /// <summary>Elementwise logical not of a bool tensor (<c>tf.logical_not</c>).</summary>
    public static Tensor operator !(Tensor a) => Ops.LogicalNot(a);
}
