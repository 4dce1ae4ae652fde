using System.Text;
using TorchSharp;

namespace TfNotes.Summary;

/// <summary>
/// TensorFlow 2's image summary tensor: the strings <c>[width, height, png₁, …]</c> of at most <c>max_outputs</c>
/// images of an NHWC batch (1 to 4 channels). Pixels become uint8 as <c>tf.image.convert_image_dtype(…, tf.uint8,
/// saturate=True)</c> does: floats in [0, 1] as <c>trunc(clip(x · 255.5, 0, 255))</c>, int32/int64 divided (floor) by
/// 2^23 / 2^55 and clipped, uint8 as they are.
/// </summary>
internal static class Images
{
    internal static List<byte[]> Strings(Tensor data, int maxOutputs)
    {
        if (data.ndim != 4)
            throw new ArgumentException($"image: `data` must be a batch of images of rank 4 [k, height, width, channels]. Received: data.shape={data.shape}", "data");
        if (maxOutputs < 0) throw new ArgumentOutOfRangeException("max_outputs", maxOutputs, "image: `max_outputs` must be non-negative");
        var (count, height, width, channels) = ((int)data.shape[0], (int)data.shape[1], (int)data.shape[2], (int)data.shape[3]);
        if (channels is < 1 or > 4)
            throw new ArgumentException($"image: images must have 1, 2, 3 or 4 channels (gray, gray + alpha, RGB, RGBA). Received: data.shape={data.shape}", "data");
        var strings = new List<byte[]> { Encoding.ASCII.GetBytes(width.ToString()), Encoding.ASCII.GetBytes(height.ToString()) };
        int kept = Math.Min(count, maxOutputs);
        if (kept == 0) return strings;
        using var limited = data.Native.narrow(0, 0, kept);
        using var pixels = ToUInt8(limited, data.dtype);
        using var contiguous = pixels.contiguous();
        var bytes = contiguous.bytes;
        int size = height * width * channels;
        for (int i = 0; i < kept; i++) strings.Add(Png.Encode(bytes.Slice(i * size, size), height, width, channels));
        return strings;
    }

    static torch.Tensor ToUInt8(torch.Tensor images, DType dtype)
    {
        if (dtype == DType.UInt8) return images.alias();
        if (dtype.is_floating)
        {
            using Scalar scale = 255.5, zero = 0, top = 255;
            using var scaled = images.mul(scale);
            using var clipped = scaled.clamp(zero, top);
            return clipped.to_type(torch.ScalarType.Byte);
        }
        if (dtype == DType.Int32 || dtype == DType.Int64)
        {
            using Scalar divisor = dtype == DType.Int32 ? 1L << 23 : 1L << 55, zero = 0, top = 255;
            using var divided = images.div(divisor, rounding_mode: torch.RoundingMode.floor);
            using var clipped = divided.clamp(zero, top);
            return clipped.to_type(torch.ScalarType.Byte);
        }
        throw new ArgumentException($"image: `data` must be uint8, int32, int64 or floating-point images. Received: data.dtype={dtype}", "data");
    }
}
