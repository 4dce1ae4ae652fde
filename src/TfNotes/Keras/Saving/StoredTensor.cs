using System.Runtime.InteropServices;
using TorchSharp;

namespace TfNotes.Keras.Saving;

/// <summary>One tensor read from a weights file: its dtype, shape and raw little-endian row-major bytes.</summary>
internal sealed record StoredTensor(DType DType, Shape Shape, byte[] Data)
{
    /// <summary>A new libtorch tensor holding the values, owned by the caller.</summary>
    internal torch.Tensor ToNative()
    {
        var dims = Shape.dims;
        return DType.ClrType switch
        {
            var t when t == typeof(float) => torch.tensor(Values<float>(), dims),
            var t when t == typeof(double) => torch.tensor(Values<double>(), dims),
            var t when t == typeof(int) => torch.tensor(Values<int>(), dims),
            var t when t == typeof(long) => torch.tensor(Values<long>(), dims),
            var t when t == typeof(byte) => torch.tensor(Values<byte>(), dims),
            _ => torch.tensor(Values<bool>(), dims),
        };
    }

    T[] Values<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Data).ToArray();

    /// <summary>The raw bytes of <paramref name="tensor"/>'s values, row-major.</summary>
    internal static byte[] BytesOf(Tensor tensor) => tensor.dtype.ClrType switch
    {
        var t when t == typeof(float) => AsBytes(tensor.ToArray<float>()),
        var t when t == typeof(double) => AsBytes(tensor.ToArray<double>()),
        var t when t == typeof(int) => AsBytes(tensor.ToArray<int>()),
        var t when t == typeof(long) => AsBytes(tensor.ToArray<long>()),
        var t when t == typeof(byte) => AsBytes(tensor.ToArray<byte>()),
        _ => AsBytes(tensor.ToArray<bool>()),
    };

    static byte[] AsBytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
