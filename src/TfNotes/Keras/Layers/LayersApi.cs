using TfNotes.Keras.Initializers;

namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers</c>, with Keras 3's defaults.</summary>
public sealed class LayersApi
{
    internal LayersApi() { }

    /// <summary><c>keras.layers.Dense</c>: y = activation(x·W + b); see <see
    /// cref="T:TfNotes.Keras.Layers.Dense"/>.</summary>
    public Dense Dense(int units, ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, string? name = null) =>
        new(units, activation, use_bias, kernel_initializer, bias_initializer, name);

    /// <summary><c>keras.layers.BatchNormalization</c> with Keras' defaults; see <see
    /// cref="T:TfNotes.Keras.Layers.BatchNormalization"/>.</summary>
    public BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true,
        bool scale = true, string? name = null) =>
        new(axis, momentum, epsilon, center, scale, name);

    /// <summary><c>keras.layers.Conv2D</c>: a 2-D convolution over (batch, rows, cols, channels); see <see
    /// cref="T:TfNotes.Keras.Layers.Conv2D"/>.</summary>
    public Conv2D Conv2D(int filters, IntPair kernel_size, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
        ActivationFunction? activation = null, bool use_bias = true, Initializer? kernel_initializer = null, Initializer? bias_initializer = null,
        string? name = null) =>
        new(filters, kernel_size, strides, padding, data_format, activation, use_bias, kernel_initializer, bias_initializer, name);

    /// <summary><c>keras.layers.MaxPooling2D</c>: the largest value of each window (pool size 2 by default, strides the
    /// pool size).</summary>
    public MaxPooling2D MaxPooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
        string? name = null) => new(pool_size, strides, padding, data_format, name);

    /// <summary><c>keras.layers.AveragePooling2D</c>: the mean of each window (pool size 2 by default, strides the pool
    /// size).</summary>
    public AveragePooling2D AveragePooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid",
        string data_format = "channels_last", string? name = null) => new(pool_size, strides, padding, data_format, name);

    /// <summary><c>keras.layers.Flatten</c>: (batch, d1, d2, …) → (batch, d1·d2·…).</summary>
    public Flatten Flatten(string? name = null) => new(name);
    /// <summary><c>keras.layers.Reshape</c>: each example to <paramref name="target_shape"/> (without the batch axis;
    /// one −1 is inferred).</summary>
    public Reshape Reshape(long[] target_shape, string? name = null) => new(target_shape, name);
    /// <summary><c>keras.layers.Dropout</c>: drops a fraction <paramref name="rate"/> of the inputs in training,
    /// scaling the rest by 1/(1 − rate).</summary>
    public Dropout Dropout(double rate, long? seed = null, string? name = null) => new(rate, seed, name);
    /// <summary><c>keras.layers.Activation</c>: an activation function as a layer.</summary>
    public Activation Activation(ActivationFunction activation, string? name = null) => new(activation, name);
    /// <summary><c>keras.layers.ReLU</c>: the rectified linear unit with an optional cap, negative slope and
    /// threshold.</summary>
    public ReLU ReLU(double? max_value = null, double negative_slope = 0.0, double threshold = 0.0, string? name = null) =>
        new(max_value, negative_slope, threshold, name);
    /// <summary><c>keras.layers.Softmax</c>: softmax along <paramref name="axis"/> (default the last).</summary>
    public Softmax Softmax(int axis = -1, string? name = null) => new(axis, name);
    /// <summary><c>keras.layers.InputLayer</c>: a model's entry for examples of <paramref name="shape"/> (without the
    /// batch axis).</summary>
    public InputLayer InputLayer(long[] shape, int? batch_size = null, DType? dtype = null, string? name = null) => new(shape, batch_size, dtype, name);
}
