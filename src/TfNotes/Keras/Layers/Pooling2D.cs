using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// 2-D pooling in <c>channels_last</c> layout: windows of <c>pool_size</c> every <c>strides</c> (default: the pool
/// size) over rows and columns of (batch, rows, cols, channels), padded as <see cref="Padding"/> says; the largest
/// value of each window (<c>"max"</c>) or the mean (<c>"average"</c>), as Keras' <c>BasePooling</c> with its
/// <c>pool_mode</c>. As TensorFlow, padded positions never count: max pooling pads with −∞, average pooling divides
/// the padded sum by the number of real positions in each window.
/// </summary>
public abstract class Pooling2D : Layer
{
    readonly string mode;

    private protected Pooling2D(string pool_mode, IntPair? pool_size, IntPair? strides, string padding, string data_format, string? name) : base(name)
    {
        mode = pool_mode;
        string layer = GetType().Name;
        if (data_format != "channels_last")
            throw new ArgumentException($"{layer}: TfNotes supports data_format=\"channels_last\" (Keras' default) only. Received: data_format={data_format}", nameof(data_format));
        this.pool_size = (pool_size ?? 2).Positive(nameof(pool_size), layer);
        this.strides = (strides ?? this.pool_size).Positive(nameof(strides), layer);
        this.padding = Padding.Check(padding, layer);
    }

    /// <summary>The (rows, cols) size of the pooling window (Keras' default (2, 2)).</summary>
    public IntPair pool_size { get; }
    /// <summary>The (rows, cols) step of the window; the pool size by default.</summary>
    public IntPair strides { get; }
    /// <summary><c>"valid"</c> (no padding, the default) or <c>"same"</c>.</summary>
    public string padding { get; }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 4);
        long rows = Padding.Output(input_shape[1], pool_size.Rows, strides.Rows, padding);
        long cols = Padding.Output(input_shape[2], pool_size.Cols, strides.Cols, padding);
        if (rows == 0 || cols == 0)
            throw new InvalidArgumentError($"{GetType().Name} '{name}': the pool {pool_size} is larger than the input {KerasShapes.Format(input_shape)} with padding=\"valid\"");
        return new Shape(input_shape[0], rows, cols, input_shape[3]);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = x.shape;
        compute_output_shape(shape);
        var (top, bottom) = Padding.Amounts(shape[1], pool_size.Rows, strides.Rows, padding);
        var (left, right) = Padding.Amounts(shape[2], pool_size.Cols, strides.Cols, padding);
        using var channelsFirst = x.Native.permute(0, 3, 1, 2);
        using var pooled = Pool(channelsFirst, [left, right, top, bottom]);
        return Tensor.Wrap(pooled.permute(0, 2, 3, 1), x);
    }

    /// <summary>The pooled (batch, channels, rows, cols) tensor, with <paramref name="pad"/> (left, right, top, bottom) to apply.</summary>
    torch.Tensor Pool(torch.Tensor channelsFirst, long[] pad)
    {
        bool padded = pad.Any(p => p != 0);
        if (mode == "max")
        {
            using var input = padded ? torch.nn.functional.pad(channelsFirst, pad, value: double.NegativeInfinity) : channelsFirst.alias();
            return torch.nn.functional.max_pool2d(input, pool_size.Dims, strides.Dims);
        }
        if (!padded) return torch.nn.functional.avg_pool2d(channelsFirst, pool_size.Dims, strides.Dims);
        using var zeroPadded = torch.nn.functional.pad(channelsFirst, pad);
        using var means = torch.nn.functional.avg_pool2d(zeroPadded, pool_size.Dims, strides.Dims);
        using var ones = torch.ones([1, 1, channelsFirst.size(2), channelsFirst.size(3)], channelsFirst.dtype);
        using var paddedOnes = torch.nn.functional.pad(ones, pad);
        using var realFraction = torch.nn.functional.avg_pool2d(paddedOnes, pool_size.Dims, strides.Dims);
        return means.div(realFraction);
    }
}
