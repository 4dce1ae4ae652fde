namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.MaxPooling2D</c>: the largest value of each window (see <see cref="Pooling2D"/>).</summary>
public sealed class MaxPooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
    string? name = null) : Pooling2D("max", pool_size, strides, padding, data_format, name);
