namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.CategoricalCrossentropy</c>: <c>J = (1/m)·Σᵢ −Σⱼ yⱼ⁽ⁱ⁾·log ŷⱼ⁽ⁱ⁾</c> for one-hot (or soft)
/// labels y. With <c>from_logits</c>, ŷ = softmax(z) and the gradient with respect to the logits is (ŷ − y)/m.
/// </summary>
public sealed class CategoricalCrossentropy(bool from_logits = false) : Loss("categorical_crossentropy")
{
    public bool from_logits { get; } = from_logits;

    protected override Tensor PerExample(Tensor y_true, Tensor y_pred) =>
        Crossentropy.Categorical(y_true, y_pred, from_logits, -1, name);
}
