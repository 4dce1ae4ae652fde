namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.BinaryCrossentropy</c>: per example the mean over <c>axis</c> of
/// <c>−(y·log p + (1 − y)·log(1 − p))</c>, p clipped to [1e-7, 1 − 1e-7]; with <c>from_logits</c> p = sigmoid(z),
/// computed stably. <c>label_smoothing</c> s trains on y·(1 − s) + s/2.
/// </summary>
public sealed class BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
    string? reduction = "sum_over_batch_size", string name = "binary_crossentropy")
    : SmoothedCrossentropy(binary: true, from_logits, label_smoothing, axis, reduction, name);
