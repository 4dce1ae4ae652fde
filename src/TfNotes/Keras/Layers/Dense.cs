using TfNotes.Keras.Initializers;
using static TfNotes.Binding;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.Dense</c>: <c>y = activation(x·W + b)</c> with <c>kernel</c> W of shape (inputs, units) and
/// <c>bias</c> b of shape (units,), built on the first <c>Apply</c> from the last dimension of the input (batch, …, inputs).
/// Integer inputs (uint8 pixels) are cast to float32 first.
/// A Dense layer followed by batch normalization takes <c>use_bias: false</c>: batch normalization subtracts the
/// mean, which cancels b, and its β plays b's role (the notes).
/// </summary>
public sealed class Dense : KernelLayer
{
    /// <summary>The dimensionality of the output (the kernel's second dimension).</summary>
    public int units { get; }

    /// <summary><c>keras.layers.Dense</c> with Keras' defaults (no activation, bias on, glorot_uniform kernel, zero
    /// bias).</summary>
    public Dense(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, string? name = null) : base(activation, use_bias, kernel_initializer, bias_initializer, name, "dense")
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Dense: units must be positive");
        this.units = units;
    }

    /// <summary>W of shape (inputs, units), b of shape (units,).</summary>
    public override void build(Shape input_shape)
    {
        RequireRank(input_shape, 2, atLeast: true);
        AddKernel(new Shape(input_shape[-1], units), units);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 2, atLeast: true);
        if (kernel is { } built && input_shape[-1] != built.shape[0]) throw Incompatible(input_shape, -1, built.shape[0]);
        return new Shape([.. input_shape.dims[..^1], (long)units]);
    }

    /// <inheritdoc/>
    protected override Shape? InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes) =>
        weightShapes.TryGetValue("kernel", out var k) && k.ndim == 2
            ? new Shape(-1, k[0])
            : throw new ArgumentException($"Dense '{name}': the weights have no 2-D 'kernel' to build from " +
                $"(got {string.Join(", ", weightShapes.Select(e => $"{e.Key} {e.Value}"))})", nameof(weightShapes));

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        if (x.ndim < 2 || x.shape[-1] != kernel!.shape[0]) throw Incompatible(x.shape, -1, kernel!.shape[0]);
        if (bias is not null && x.ndim == 2 && x.dtype == kernel.dtype) return Activate(Ops.MatMulBiasAdd(x, kernel, bias));
        var y = tf.matmul(x, kernel);
        return Activate(bias is null ? y : y + bias);
    }
}
