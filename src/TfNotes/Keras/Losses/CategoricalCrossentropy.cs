namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.CategoricalCrossentropy</c>: per example <c>L = −Σⱼ yⱼ·log ŷⱼ</c> along <c>axis</c> for one-hot
/// (or soft) labels y, reduced as <see cref="Loss"/> says (the mean by default). With <c>from_logits</c>,
/// ŷ = softmax(z) and the gradient of the mean with respect to the logits is (ŷ − y)/m. <c>label_smoothing</c> s
/// trains on y·(1 − s) + s/K.
/// </summary>
public sealed class CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
    string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
    : SmoothedCrossentropy(binary: false, from_logits, label_smoothing, axis, reduction, name);
