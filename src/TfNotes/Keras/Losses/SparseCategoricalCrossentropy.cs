namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.SparseCategoricalCrossentropy</c>: <c>J = (1/m)·Σᵢ −log ŷ⁽ⁱ⁾[label⁽ⁱ⁾]</c> for integer labels,
/// the same as <see cref="CategoricalCrossentropy"/> on their one-hot rows.
/// </summary>
public sealed class SparseCategoricalCrossentropy(bool from_logits = false) : Loss("sparse_categorical_crossentropy")
{
    public bool from_logits { get; } = from_logits;

    protected override Tensor PerExample(Tensor y_true, Tensor y_pred) => Crossentropy.Sparse(y_true, y_pred, from_logits, name);
}
