using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.MaxPooling2D</c>: the largest value of each window (see <see cref="Pooling2D"/>).</summary>
public sealed class MaxPooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
    string? name = null) : Pooling2D(pool_size ?? 2, strides, padding, data_format, name, nameof(MaxPooling2D))
{
    private protected override torch.Tensor Pool(torch.Tensor channelsFirst, long[] pad)
    {
        using var padded = pad.All(p => p == 0) ? channelsFirst.alias()
            : torch.nn.functional.pad(channelsFirst, pad, value: double.NegativeInfinity);
        return torch.nn.functional.max_pool2d(padded, pool_size.Dims, strides.Dims);
    }
}
