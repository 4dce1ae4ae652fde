namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.SparseCategoricalCrossentropy</c>: per example <c>L = −log ŷ[label]</c> for integer labels, the
/// same as <see cref="CategoricalCrossentropy"/> on their one-hot rows, reduced as <see cref="Loss"/> says.
/// </summary>
public sealed class SparseCategoricalCrossentropy(bool from_logits = false, string? reduction = "sum_over_batch_size",
    string name = "sparse_categorical_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether <c>y_pred</c> holds logits rather than probabilities (Keras' default false).</summary>
    public bool from_logits { get; } = from_logits;

    /// <inheritdoc/>
    protected override Tensor PerExample(Tensor y_true, Tensor y_pred) => Crossentropy.Sparse(y_true, y_pred, from_logits, name);
}
