namespace TfNotes.Keras.Losses;

/// <summary><c>tf.keras.losses</c>: per-example loss functions and loss objects (whose call is the batch mean).</summary>
public sealed class LossesApi
{
    internal LossesApi() { }

    /// <summary>
    /// Per-example <c>−Σⱼ yⱼ·log ŷⱼ</c> along <paramref name="axis"/>. Without <paramref name="from_logits"/>, ŷ is
    /// rescaled to sum to 1 and clipped to [1e-7, 1 − 1e-7], as Keras.
    /// </summary>
    public Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, int axis = -1) =>
        Crossentropy.Categorical(y_true, y_pred, from_logits, axis, nameof(categorical_crossentropy));

    /// <summary>Per-example <c>−log ŷ[label]</c> for integer labels of shape y_pred.shape[:-1].</summary>
    public Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false) =>
        Crossentropy.Sparse(y_true, y_pred, from_logits, nameof(sparse_categorical_crossentropy));

    public CategoricalCrossentropy CategoricalCrossentropy(bool from_logits = false) => new(from_logits);
    public SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool from_logits = false) => new(from_logits);
}
