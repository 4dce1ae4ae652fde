using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NumSharp;
using TorchSharp;

namespace TfNotes;

/// <summary>Builds tensors from .NET scalars, arrays of any rank and NumSharp arrays (values are copied).</summary>
internal static class TensorConversion
{
    const int MaxRank = 8;

    internal static Tensor FromObject(object value, DType? dtype, Shape? shape, string argument)
    {
        var tensor = value switch
        {
            Tensor t => t,
            NDArray nd => FromNDArray(nd, dtype, argument),
            Array array => FromArray(array, dtype, argument),
            float f => Tensor.Wrap(torch.tensor(f)),
            double d => Tensor.Wrap(torch.tensor(d)),
            int i => Tensor.Wrap(torch.tensor(i)),
            long l => Tensor.Wrap(torch.tensor(l)),
            byte b => Tensor.Wrap(torch.tensor(b)),
            bool b => Tensor.Wrap(torch.tensor(b)),
            null => throw new ArgumentNullException(argument),
            _ => throw new ArgumentException($"{argument}: cannot make a tensor from a {value.GetType().Name} " +
                "(use a scalar, a rectangular array of float/double/int/long/byte/bool, or a NumSharp NDArray)", argument),
        };
        if (dtype is not null && tensor.dtype != dtype) tensor = Ops.Cast(tensor, dtype);
        if (shape is not null) tensor = Ops.Reshape(tensor, shape, argument);
        return tensor;
    }

    internal static Tensor FromArray(Array array, DType? dtype, string argument)
    {
        var elementType = array.GetType().GetElementType()!;
        if (elementType.IsArray)
            throw new ArgumentException($"{argument}: jagged arrays ({array.GetType().Name}) are not supported; use a rectangular array such as float[,]", argument);
        if (array.Rank > MaxRank)
            throw new ArgumentException($"{argument}: arrays of rank {array.Rank} are not supported (at most {MaxRank})", argument);
        var source = DType.FromClr(elementType, argument);
        var dims = Enumerable.Range(0, array.Rank).Select(d => (long)array.GetLength(d)).ToArray();
        var native = source.ClrType switch
        {
            var t when t == typeof(float) => torch.tensor(Flatten<float>(array), dims),
            var t when t == typeof(double) => torch.tensor(Flatten<double>(array), dims),
            var t when t == typeof(int) => torch.tensor(Flatten<int>(array), dims),
            var t when t == typeof(long) => torch.tensor(Flatten<long>(array), dims),
            var t when t == typeof(byte) => torch.tensor(Flatten<byte>(array), dims),
            _ => torch.tensor(Flatten<bool>(array), dims),
        };
        if (dtype is not null && dtype != source) native = Swap(native, native.to_type(dtype.ScalarType));
        return Tensor.Wrap(native);
    }

    internal static Tensor FromNDArray(NDArray array, DType? dtype, string argument)
    {
        var source = DType.FromClr(array.dtype, argument);
        var dims = array.shape.Select(d => (long)d).ToArray();
        var native = source.ClrType switch
        {
            var t when t == typeof(float) => torch.tensor(array.ToArray<float>(), dims),
            var t when t == typeof(double) => torch.tensor(array.ToArray<double>(), dims),
            var t when t == typeof(int) => torch.tensor(array.ToArray<int>(), dims),
            var t when t == typeof(long) => torch.tensor(array.ToArray<long>(), dims),
            var t when t == typeof(byte) => torch.tensor(array.ToArray<byte>(), dims),
            _ => torch.tensor(array.ToArray<bool>(), dims),
        };
        if (dtype is not null && dtype != source) native = Swap(native, native.to_type(dtype.ScalarType));
        return Tensor.Wrap(native);
    }

    static torch.Tensor Swap(torch.Tensor old, torch.Tensor replacement)
    {
        old.Dispose();
        return replacement;
    }

    static T[] Flatten<T>(Array array) where T : unmanaged
    {
        var flat = new T[array.Length];
        if (array.Length > 0)
            MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length).CopyTo(flat);
        return flat;
    }
}
