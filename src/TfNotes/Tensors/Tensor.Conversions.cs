using TorchSharp;
namespace TfNotes;

public partial class Tensor
{
    // Python's float(t), int(t), bool(t): a one-element tensor's value, read exactly in its own dtype and then
    // converted as C# converts (int truncates toward zero, as Python's int; a value that does not fit throws).
    /// <summary>Python's <c>float(t)</c>: the single element of a one-element tensor as a <c>float</c>.</summary>
    public static explicit operator float(Tensor t) => t.Element("float", v => (float)v, v => v);
    /// <summary>Python's <c>float(t)</c>: the single element of a one-element tensor as a <c>double</c>.</summary>
    public static explicit operator double(Tensor t) => t.Element("double", v => v, v => v);
    /// <summary>Python's <c>int(t)</c>: the single element of a one-element tensor as an <c>int</c>, truncated toward
    /// zero; a value that does not fit throws.</summary>
    public static explicit operator int(Tensor t) => t.Element("int", v => checked((int)v), v => checked((int)v));
    /// <summary>Python's <c>int(t)</c>: the single element of a one-element tensor as a <c>long</c>, truncated toward
    /// zero; a value that does not fit throws.</summary>
    public static explicit operator long(Tensor t) => t.Element("long", v => checked((long)v), v => v);

    /// <summary>Python's <c>bool(t)</c>: whether the single element is non-zero; see the <c>operator true</c> of <c>if (t)</c>.</summary>
    public static explicit operator bool(Tensor t) => t.Truth();

    T Element<T>(string target, Func<double, T> fromReal, Func<long, T> fromInteger)
    {
        var native = Native;
        long count = native.NumberOfElements;
        if (count != 1)
            throw new InvalidCastException($"({target}): only a tensor with one element converts to a .NET {target} " +
                $"(NumPy: only length-1 arrays can be converted to Python scalars); this one has shape {shape}");
        try
        {
            return dtype.is_floating ? fromReal(RealItem(native)) : fromInteger(IntegerElement());
        }
        catch (OverflowException e)
        {
            throw new OverflowException($"({target}): the value {TensorFormat.Text(this).Trim('[', ']')} of this {dtype} tensor does not fit a .NET {target}", e);
        }
    }

    long IntegerElement() => dtype == DType.Bool ? (BoolItem(Native) ? 1 : 0) : IntegerItem(Native);

    // The one value of a one-element libtorch tensor, by way of a Scalar disposed here: TorchSharp's item() reads it
    // through a TensorAccessor, and the tensor's strides into a PinnedArray, that it leaves to the finalizer.
    internal static double RealItem(torch.Tensor t)
    {
        using var value = t.ToScalar();
        return value.ToDouble();
    }

    internal static long IntegerItem(torch.Tensor t)
    {
        using var value = t.ToScalar();
        return value.ToInt64();
    }

    internal static bool BoolItem(torch.Tensor t)
    {
        using var value = t.ToScalar();
        return value.ToBoolean();
    }

    /// <summary>
    /// The truth value of a one-element tensor (non-zero), as Python's <c>if t:</c>; a tensor with more or fewer
    /// elements is TensorFlow's (NumPy's) ambiguous truth value.
    /// </summary>
    bool Truth()
    {
        long count = Native.NumberOfElements;
        if (count != 1)
            throw new InvalidOperationException(count == 0
                ? $"The truth value of an empty tensor is ambiguous (shape {shape})"
                : $"The truth value of a tensor with more than one element is ambiguous (shape {shape}). " +
                  "Use tf.reduce_any(t) or tf.reduce_all(t)");
        return dtype.is_floating ? Element("bool", v => v != 0, v => v != 0) : IntegerElement() != 0;
    }
}
