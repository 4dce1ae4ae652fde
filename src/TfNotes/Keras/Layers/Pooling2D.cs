using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// 2-D pooling in <c>channels_last</c> layout: windows of <c>pool_size</c> every <c>strides</c> (default: the pool
/// size) over rows and columns of (batch, rows, cols, channels), padded as <see cref="Padding"/> says. As TensorFlow,
/// padded positions never count: max pooling pads with −∞, average pooling divides by the real values in each window.
/// </summary>
public abstract class Pooling2D : Layer
{
    private protected Pooling2D(IntPair pool_size, IntPair? strides, string padding, string data_format, string? name, string layer) : base(name)
    {
        if (data_format != "channels_last")
            throw new ArgumentException($"{layer}: TfNotes supports data_format=\"channels_last\" (Keras' default) only. Received: data_format={data_format}", nameof(data_format));
        this.pool_size = pool_size.Positive(nameof(pool_size), layer);
        this.strides = (strides ?? pool_size).Positive(nameof(strides), layer);
        this.padding = Padding.Check(padding, layer);
    }

    public IntPair pool_size { get; }
    public IntPair strides { get; }
    public string padding { get; }

    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 4);
        long rows = Padding.Output(input_shape[1], pool_size.Rows, strides.Rows, padding);
        long cols = Padding.Output(input_shape[2], pool_size.Cols, strides.Cols, padding);
        if (rows == 0 || cols == 0)
            throw new InvalidArgumentError($"{GetType().Name} '{name}': the pool {pool_size} is larger than the input {KerasShapes.Format(input_shape)} with padding=\"valid\"");
        return new Shape(input_shape[0], rows, cols, input_shape[3]);
    }

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
    private protected abstract torch.Tensor Pool(torch.Tensor channelsFirst, long[] pad);
}
