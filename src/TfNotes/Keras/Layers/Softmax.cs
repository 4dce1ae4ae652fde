namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.Softmax</c>: exp(z) normalised to sum to 1 along <c>axis</c>.</summary>
public sealed class Softmax(int axis = -1, string? name = null) : Layer(name)
{
    /// <summary>The axis softmax normalises along (default −1, the last).</summary>
    public int axis { get; } = axis;

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training) => Binding.tf.nn.softmax(x, axis);
}
