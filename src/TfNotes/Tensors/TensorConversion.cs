using System.Globalization;
using NumSharp;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// Builds tensors from .NET scalars, arrays of any rank and NumSharp arrays (values are copied), with TensorFlow's
/// dtypes for Python values: a C# <c>double</c> (Python's float literal) is float32 unless a dtype is given, <c>int</c>
/// is int32, <c>long</c> int64; NumPy arrays keep their dtype. A non-integral value for an integer dtype is a
/// <see cref="TypeError"/>, as TensorFlow's "Cannot convert 2.5 to EagerTensor of dtype int32".
/// </summary>
internal static class TensorConversion
{
    const int MaxRank = 8;

    internal static Tensor FromObject(object value, DType? dtype, Shape? shape, string argument)
    {
        var tensor = value switch
        {
            Tensor t => dtype is not null && t.dtype != dtype ? Ops.Cast(t, dtype) : t,
            NDArray nd => FromNDArray(nd, dtype, argument),
            Array array => FromArray(array, dtype, argument),
            null => throw new ArgumentNullException(argument),
            _ when IsNumber(value) => Tensor.Wrap(Scalar(value, dtype ?? DefaultDType(value), argument)),
            _ => throw new ArgumentException($"{argument}: cannot make a tensor from a {value.GetType().Name} " +
                "(use a scalar, a rectangular array of float/double/int/long/byte/bool, or a NumSharp NDArray)", argument),
        };
        if (shape is not null) tensor = Ops.Reshape(tensor, shape, argument);
        return tensor;
    }

    /// <summary>
    /// <paramref name="value"/> as NumPy's <c>np.asarray(value, dtype)</c> makes it, which casts (1.75 → 1 for an integer
    /// dtype): how TensorFlow converts what a Python function returns (<c>from_generator</c>, <c>py_function</c>).
    /// </summary>
    internal static Tensor CastLikeNumPy(object value, DType dtype, string argument)
    {
        var natural = value switch
        {
            Tensor or NDArray => FromObject(value, null, null, argument),
            Array array => FromArray(array, DType.FromClr(array.GetType().GetElementType()!, argument), argument),
            null => throw new ArgumentNullException(argument),
            _ when IsNumber(value) => Tensor.Wrap(Scalar(value, value is double or float ? DType.Float64 : DefaultDType(value), argument)),
            _ => FromObject(value, null, null, argument),
        };
        return natural.dtype == dtype ? natural : Ops.Cast(natural, dtype);
    }

    /// <summary>A tensor of a .NET number given where a tensor is expected (<c>tf.maximum(x, 0.0)</c>): it takes the
    /// dtype of the tensor it meets in a binary op, as a Python number does (see <see cref="Ops.Binary"/>).</summary>
    internal static Tensor Literal(object number)
    {
        var tensor = Tensor.Wrap(Scalar(number, DefaultDType(number), "value"));
        tensor.Literal = number;
        return tensor;
    }

    static bool IsNumber(object value) => value is float or double or int or long or byte or bool;

    static DType DefaultDType(object number) => number switch
    {
        double or float => DType.Float32,
        int => DType.Int32,
        long => DType.Int64,
        byte => DType.UInt8,
        _ => DType.Bool,
    };

    /// <summary>A libtorch scalar tensor of <paramref name="dtype"/> holding <paramref name="number"/> exactly.</summary>
    internal static torch.Tensor Scalar(object number, DType dtype, string argument)
    {
        Check(number, dtype, argument);
        return number switch
        {
            bool b => torch.tensor(b).to_type(dtype.ScalarType),
            long l => torch.tensor(l, dtype.ScalarType),
            int i => torch.tensor((long)i, dtype.ScalarType),
            byte u => torch.tensor((long)u, dtype.ScalarType),
            float f => torch.tensor((double)f, dtype.ScalarType),
            _ => torch.tensor(Convert.ToDouble(number, CultureInfo.InvariantCulture), dtype.ScalarType),
        };
    }

    /// <summary>TensorFlow refuses a number its dtype cannot hold: any float (a C# double or float, as Python's float)
    /// or an out-of-range integer for an integer type, any number for bool (and a bool for a number type).</summary>
    internal static void Check(object number, DType dtype, string argument)
    {
        bool fits = number switch
        {
            bool => dtype.is_bool,
            _ when dtype.is_bool => false,
            _ when dtype.is_floating => true,
            double or float => false,
            _ => InRange(Convert.ToDouble(number, CultureInfo.InvariantCulture), dtype),
        };
        if (!fits) throw new TypeError($"Cannot convert {Text(number)} to EagerTensor of dtype {dtype}");
    }

    static bool InRange(double v, DType dtype) => v >= Min(dtype) && v <= Max(dtype);

    static double Min(DType dtype) => dtype == DType.UInt8 ? 0 : dtype == DType.Int32 ? int.MinValue : long.MinValue;
    static double Max(DType dtype) => dtype == DType.UInt8 ? 255 : dtype == DType.Int32 ? int.MaxValue : long.MaxValue;

    internal static string Text(object number) => number switch
    {
        bool b => b ? "True" : "False",
        // Python prints a float with its point: 3.0, 2.5.
        double d => Math.Floor(d) == d && Math.Abs(d) < 1e16 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture),
        float f => Text((double)f),
        _ => Convert.ToString(number, CultureInfo.InvariantCulture)!,
    };

    internal static Tensor FromArray(Array array, DType? dtype, string argument)
    {
        var elementType = array.GetType().GetElementType()!;
        if (elementType.IsArray)
            throw new ArgumentException($"{argument}: jagged arrays ({array.GetType().Name}) are not supported; use a rectangular array such as float[,]", argument);
        if (array.Rank > MaxRank)
            throw new ArgumentException($"{argument}: arrays of rank {array.Rank} are not supported (at most {MaxRank})", argument);
        var source = DType.FromClr(elementType, argument);
        var dims = Enumerable.Range(0, array.Rank).Select(d => (long)array.GetLength(d)).ToArray();
        // A double[] is what a C# port writes for a Python list of floats, which TensorFlow makes float32.
        var target = dtype ?? (source == DType.Float64 ? DType.Float32 : source);
        if (source.is_floating && !target.is_floating)
            throw new TypeError($"Cannot convert {Describe(array)} to EagerTensor of dtype {target}");
        return Tensor.Wrap(Cast(source.Values.FromArray(array, dims), source, target, array, argument));
    }

    internal static Tensor FromNDArray(NDArray array, DType? dtype, string argument)
    {
        var source = DType.FromClr(array.dtype, argument);
        var dims = array.shape.Select(d => (long)d).ToArray();
        return Tensor.Wrap(Cast(source.Values.FromNDArray(array, dims), source, dtype ?? source, array, argument));
    }

    /// <summary><paramref name="native"/> as <paramref name="target"/>, refusing values an integer or bool dtype cannot hold.</summary>
    static torch.Tensor Cast(torch.Tensor native, DType source, DType target, object values, string argument)
    {
        if (target == source) return native;
        if ((target.is_bool && !source.is_bool) || (target.is_integer && source.is_floating))
        {
            using var converted = native.to_type(target.ScalarType);
            using var back = converted.to_type(source.ScalarType);
            using var same = back.eq(native);
            using var all = same.all();
            if (!all.ToBoolean())
            {
                native.Dispose();
                throw new TypeError($"Cannot convert {Describe(values)} to EagerTensor of dtype {target}");
            }
        }
        using (native) return native.to_type(target.ScalarType);
    }

    static string Describe(object values) => values is Array a && a.Length <= 6
        ? "[" + string.Join(", ", a.Cast<object>().Select(Text)) + "]"
        : $"a {values.GetType().Name} of values";
}
