namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>keras.layers.InputLayer</c>: the entry of a functional or Sequential model, for examples of <c>shape</c>
/// (without the batch axis; <c>batch_size</c> fixes it). <see cref="output"/> is the symbolic tensor
/// <c>tf.keras.Input</c> returns. Applied to data it passes it through, checking its shape.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary><c>keras.layers.InputLayer(shape, batch_size, dtype)</c>: <paramref name="shape"/> without the batch
    /// axis, positive sizes; float32 unless <paramref name="dtype"/> says.</summary>
    public InputLayer(long[] shape, int? batch_size = null, DType? dtype = null, string? name = null) : base(name, "input_layer")
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d <= 0))
            throw new ArgumentException($"InputLayer: shape must list positive sizes (the batch axis is not part of it), got {KerasShapes.Format(new Shape(shape))}", nameof(shape));
        if (batch_size is <= 0) throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size, "InputLayer: batch_size must be positive");
        var batchShape = new Shape([batch_size ?? -1L, .. shape]);
        output = new KerasTensor(batchShape, dtype ?? DType.Float32, this, null);
        OutputShape = batchShape;
        built = true;
    }

    /// <summary>The model's symbolic input.</summary>
    public KerasTensor output { get; }

    /// <summary>The expected batch shape, batch axis -1 unless <c>batch_size</c> was given.</summary>
    public Shape batch_shape => output.shape;

    /// <inheritdoc/>
    protected override bool CastsIntegerInputs => false;

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        var expected = batch_shape.dims;
        var given = x.shape.dims;
        if (given.Length != expected.Length || expected.Zip(given).Any(p => p.First >= 0 && p.First != p.Second))
            throw new InvalidArgumentError($"Input 0 of layer '{name}' is incompatible with the layer: expected shape={KerasShapes.Format(batch_shape)}, " +
                $"found shape={KerasShapes.Format(x.shape)}");
        return x;
    }
}
