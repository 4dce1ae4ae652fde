using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.AveragePooling2D</c>: the mean of each window's values; with <c>"same"</c> padding, of its real
/// values only (the padded sum divided by the number of real positions, as TensorFlow).
/// </summary>
public sealed class AveragePooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
    string? name = null) : Pooling2D(pool_size ?? 2, strides, padding, data_format, name, nameof(AveragePooling2D))
{
    private protected override torch.Tensor Pool(torch.Tensor channelsFirst, long[] pad)
    {
        if (pad.All(p => p == 0)) return torch.nn.functional.avg_pool2d(channelsFirst, pool_size.Dims, strides.Dims);
        using var padded = torch.nn.functional.pad(channelsFirst, pad);
        using var means = torch.nn.functional.avg_pool2d(padded, pool_size.Dims, strides.Dims);
        using var ones = torch.ones([1, 1, channelsFirst.shape[2], channelsFirst.shape[3]], channelsFirst.dtype);
        using var paddedOnes = torch.nn.functional.pad(ones, pad);
        using var realFraction = torch.nn.functional.avg_pool2d(paddedOnes, pool_size.Dims, strides.Dims);
        return means.div(realFraction);
    }
}
