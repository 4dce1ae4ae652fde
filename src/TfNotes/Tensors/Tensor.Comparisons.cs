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
    public static Tensor operator <(Tensor a, Tensor b) => Ops.Compare("Less", a, b, (x, y) => x.lt(y));
    public static Tensor operator <=(Tensor a, Tensor b) => Ops.Compare("LessEqual", a, b, (x, y) => x.le(y));
    public static Tensor operator >(Tensor a, Tensor b) => Ops.Compare("Greater", a, b, (x, y) => x.gt(y));
    public static Tensor operator >=(Tensor a, Tensor b) => Ops.Compare("GreaterEqual", a, b, (x, y) => x.ge(y));

    // A .NET number on either side converts to a tensor of the other side's dtype (Ops.Promote), as TensorFlow converts
    // a Python number: t > 3 on an int32 tensor compares int32s; t > 3.5 there is TypeError.

    public static Tensor operator ==(Tensor? a, Tensor? b) => Ops.EqualOperator(a, b, equal: true);
    public static Tensor operator !=(Tensor? a, Tensor? b) => Ops.EqualOperator(a, b, equal: false);

    /// <summary>
    /// The dimensions, read without counting as a read of a traced map element (<see cref="ElementwiseTrace"/>): for
    /// checks whose outcome is the same for an element and a batch of them, such as whether shapes broadcast.
    /// </summary>
    internal long[] UntracedDims => Unchecked.shape;

    /// <summary>Reference identity (see the class remarks: <c>==</c> is elementwise).</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    public static bool operator true(Tensor t) => t.Truth();
    public static bool operator false(Tensor t) => !t.Truth();

    // Logical on bool tensors, bitwise on integer ones (TensorFlow's __and__, __or__, __xor__, __invert__).
    public static Tensor operator &(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalAnd", "BitwiseAnd", a, b, (x, y) => x.logical_and(y), (x, y) => x.bitwise_and(y));
    public static Tensor operator |(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalOr", "BitwiseOr", a, b, (x, y) => x.logical_or(y), (x, y) => x.bitwise_or(y));
    public static Tensor operator ^(Tensor a, Tensor b) =>
        Ops.LogicalOrBitwise("LogicalXor", "BitwiseXor", a, b, (x, y) => x.logical_xor(y), (x, y) => x.bitwise_xor(y));
    public static Tensor operator ~(Tensor a) => Ops.Invert(a);
    /// <summary>Elementwise logical not of a bool tensor (<c>tf.logical_not</c>).</summary>
    public static Tensor operator !(Tensor a) => Ops.LogicalNot(a);
}
