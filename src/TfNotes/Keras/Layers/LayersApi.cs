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

    public Conv2D Conv2D(int filters, IntPair kernel_size, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
        ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        string? name = null) =>
        new(filters, kernel_size, strides, padding, data_format, activation, use_bias, kernel_initializer, bias_initializer, name);

    public MaxPooling2D MaxPooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
        string? name = null) => new(pool_size, strides, padding, data_format, name);

    public AveragePooling2D AveragePooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid",
        string data_format = "channels_last", string? name = null) => new(pool_size, strides, padding, data_format, name);

    public Flatten Flatten(string? name = null) => new(name);
    public Reshape Reshape(long[] target_shape, string? name = null) => new(target_shape, name);
    public Dropout Dropout(double rate, long? seed = null, string? name = null) => new(rate, seed, name);
    public Activation Activation(ActivationFunction activation, string? name = null) => new(activation, name);
    public ReLU ReLU(double? max_value = null, double negative_slope = 0.0, double threshold = 0.0, string? name = null) =>
        new(max_value, negative_slope, threshold, name);
    public Softmax Softmax(int axis = -1, string? name = null) => new(axis, name);
    public InputLayer InputLayer(long[] shape, int? batch_size = null, DType? dtype = null, string? name = null) => new(shape, batch_size, dtype, name);
}
