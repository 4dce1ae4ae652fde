using TfNotes.Keras.Initializers;
using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.Conv2D</c> in Keras' default <c>channels_last</c> layout: inputs (batch, rows, cols, channels),
/// <c>kernel</c> of shape (kernel rows, kernel cols, channels, filters), <c>bias</c> (filters,):
/// <code>
/// y[b, i, j, f] = activation(Σ_{u,v,c} x[b, i·s_r + u − p_top, j·s_c + v − p_left, c]·kernel[u, v, c, f] + bias[f])
/// </code>
/// with zero padding p as <see cref="Padding"/> says (<c>"valid"</c> or <c>"same"</c>, even kernels included).
/// Computed by libtorch's convolution on a channels-last view of the same memory (no copies): the input is viewed
/// as (batch, channels, rows, cols), which libtorch runs with its channels-last kernels, and the output viewed back.
/// </summary>
public sealed class Conv2D : KernelLayer
{
    /// <summary>The number of output channels (filters).</summary>
    public int filters { get; }
    /// <summary>The (rows, cols) size of the convolution window.</summary>
    public IntPair kernel_size { get; }
    /// <summary>The (rows, cols) step of the window (default (1, 1)).</summary>
    public IntPair strides { get; }
    /// <summary><c>"valid"</c> (no padding, the default) or <c>"same"</c> (zero padding so the output has ⌈input /
    /// stride⌉ positions).</summary>
    public string padding { get; }

    /// <summary><c>keras.layers.Conv2D</c> with Keras' defaults (strides 1, <c>"valid"</c>, glorot_uniform kernel, zero
    /// bias); only <c>channels_last</c> is supported.</summary>
    public Conv2D(int filters, IntPair kernel_size, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
        ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        string? name = null) : base(activation, use_bias, kernel_initializer, bias_initializer, name)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv2D: `filters` must be positive");
        if (data_format != "channels_last")
            throw new ArgumentException($"Conv2D: TfNotes supports data_format=\"channels_last\" (Keras' default) only. Received: data_format={data_format}", nameof(data_format));
        this.filters = filters;
        this.kernel_size = kernel_size.Positive(nameof(kernel_size), "Conv2D");
        this.strides = (strides ?? 1).Positive(nameof(strides), "Conv2D");
        this.padding = Padding.Check(padding, "Conv2D");
    }

    /// <summary>The kernel of shape (kernel rows, kernel cols, channels, filters), the bias (filters,).</summary>
    public override void build(Shape input_shape)
    {
        RequireRank(input_shape, 4);
        AddKernel(new Shape(kernel_size.Rows, kernel_size.Cols, input_shape[-1], filters), filters);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 4);
        if (input_shape[-1] != kernel!.shape[2]) throw Incompatible(input_shape, -1, kernel.shape[2]);
        long rows = Padding.Output(input_shape[1], kernel_size.Rows, strides.Rows, padding);
        long cols = Padding.Output(input_shape[2], kernel_size.Cols, strides.Cols, padding);
        if (rows == 0 || cols == 0)
            throw new InvalidArgumentError($"Conv2D '{name}': the kernel {kernel_size} is larger than the input {KerasShapes.Format(input_shape)} with padding=\"valid\"");
        return new Shape(input_shape[0], rows, cols, filters);
    }

    /// <inheritdoc/>
    protected override Shape? InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes) =>
        weightShapes.TryGetValue("kernel", out var k) && k.ndim == 4
            ? new Shape(-1, -1, -1, k[2])
            : throw new ArgumentException($"Conv2D '{name}': the weights have no 4-D 'kernel' to build from", nameof(weightShapes));

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = x.shape;
        compute_output_shape(shape);
        var inputs = bias is null ? new[] { x, kernel! } : [x, kernel!, bias];
        var (top, bottom) = Padding.Amounts(shape[1], kernel_size.Rows, strides.Rows, padding);
        var (left, right) = Padding.Amounts(shape[2], kernel_size.Cols, strides.Cols, padding);
        using var channelsFirst = x.Native.permute(0, 3, 1, 2);
        using var weight = kernel!.Native.permute(3, 2, 0, 1);
        bool symmetric = top == bottom && left == right;
        using var padded = symmetric ? channelsFirst.alias() : torch.nn.functional.pad(channelsFirst, [left, right, top, bottom]);
        using var y = torch.nn.functional.conv2d(padded, weight, bias?.Native, strides: strides.Dims,
            padding: symmetric ? [top, left] : [0L, 0L]);
        return Activate(Tensor.Wrap(y.permute(0, 2, 3, 1), inputs));
    }
}
