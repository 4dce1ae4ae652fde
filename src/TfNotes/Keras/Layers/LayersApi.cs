using TfNotes.Keras.Initializers;

namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers</c>, with Keras 3's defaults.</summary>
public sealed class LayersApi
{
    internal LayersApi() { }

    public Dense Dense(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, string? name = null) =>
        new(units, activation, use_bias, kernel_initializer, bias_initializer, name);

    public BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true,
        bool scale = true, string? name = null) =>
        new(axis, momentum, epsilon, center, scale, name);
}
