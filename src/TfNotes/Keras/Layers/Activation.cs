namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.Activation</c>: an activation function as a layer (<c>Activation("relu")</c>).</summary>
public sealed class Activation(ActivationFunction activation, string? name = null) : Layer(name)
{
    public ActivationFunction activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    public override Shape compute_output_shape(Shape input_shape) => input_shape;

    protected override Tensor Call(Tensor x, bool training) => activation.Apply(x);
}
