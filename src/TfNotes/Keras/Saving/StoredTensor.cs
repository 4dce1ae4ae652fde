using TorchSharp;

namespace TfNotes.Keras.Saving;

/// <summary>One tensor read from a weights file: its dtype, shape and raw little-endian row-major bytes.</summary>
internal sealed record StoredTensor(DType DType, Shape Shape, byte[] Data)
{
    /// <summary>A new libtorch tensor holding the values, owned by the caller.</summary>
    internal torch.Tensor ToNative() => DType.Values.FromBytes(Data, Shape.dims);

    /// <summary>A copy of <paramref name="tensor"/>'s values.</summary>
    internal static StoredTensor Of(Tensor tensor) => new(tensor.dtype, tensor.shape, BytesOf(tensor));

    /// <summary>A copy of a libtorch tensor's values.</summary>
    internal static StoredTensor Of(torch.Tensor native)
    {
        using var flat = native.contiguous();
        var dtype = DType.FromTorch(native.dtype);
        return new(dtype, new Shape(Tensor.Dims(native)), dtype.Values.ToBytes(flat));
    }

    /// <summary>The raw bytes of <paramref name="tensor"/>'s values, row-major.</summary>
    internal static byte[] BytesOf(Tensor tensor)
    {
        using var detached = tensor.Native.detach();
        using var flat = detached.contiguous();
        return tensor.dtype.Values.ToBytes(flat);
    }
}
