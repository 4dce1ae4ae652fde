namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.AveragePooling2D</c>: the mean of each window's values; with <c>"same"</c> padding, of its real
/// values only (see <see cref="Pooling2D"/>).
/// </summary>
public sealed class AveragePooling2D(IntPair? pool_size = null, IntPair? strides = null, string padding = "valid", string data_format = "channels_last",
    string? name = null) : Pooling2D("average", pool_size, strides, padding, data_format, name);
