namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.Activation</c>: an activation function as a layer (<c>Activation("relu")</c>).</summary>
public sealed class Activation(ActivationFunction activation, string? name = null) : Layer(name)
{
    /// <summary>The activation function the layer applies.</summary>
    public ActivationFunction activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training) => activation.Apply(x);
}
