namespace TfNotes.Keras.Losses;

/// <summary><c>tf.keras.losses</c>: per-example loss functions and loss objects (reduced, by default to the batch mean).</summary>
public sealed class LossesApi
{
    internal LossesApi() { }

    /// <summary>
    /// Per-example <c>−Σⱼ yⱼ·log ŷⱼ</c> along <paramref name="axis"/>. Without <paramref name="from_logits"/>, ŷ is
    /// rescaled to sum to 1 and clipped to [1e-7, 1 − 1e-7], as Keras.
    /// </summary>
    public Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1) =>
        Crossentropy.Categorical(y_true, y_pred, from_logits, axis, nameof(categorical_crossentropy), LabelSmoothing.Check(label_smoothing));

    /// <summary>Per-example <c>−log ŷ[label]</c> for integer labels of shape y_pred.shape[:-1].</summary>
    public Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false) =>
        Crossentropy.Sparse(y_true, y_pred, from_logits, nameof(sparse_categorical_crossentropy));

    /// <summary>Per-example mean over <paramref name="axis"/> of the binary cross-entropies (see <see cref="Losses.BinaryCrossentropy"/>).</summary>
    public Tensor binary_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, int axis = -1) =>
        Crossentropy.Binary(y_true, y_pred, from_logits, LabelSmoothing.Check(label_smoothing), axis, nameof(binary_crossentropy));

    /// <summary>Per-example <c>mean((y − ŷ)²)</c> over the last axis.</summary>
    public Tensor mean_squared_error(Tensor y_true, Tensor y_pred) => Losses.MeanSquaredError.Of(y_true, y_pred);

    /// <summary><c>keras.losses.CategoricalCrossentropy</c>: cross-entropy of one-hot labels, reduced; see <see
    /// cref="T:TfNotes.Keras.Losses.CategoricalCrossentropy"/>.</summary>
    public CategoricalCrossentropy CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy") =>
        new(from_logits, label_smoothing, axis, reduction, name);

    /// <summary><c>keras.losses.SparseCategoricalCrossentropy</c>: cross-entropy of integer labels, reduced; see <see
    /// cref="T:TfNotes.Keras.Losses.SparseCategoricalCrossentropy"/>.</summary>
    public SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool from_logits = false, string? reduction = "sum_over_batch_size",
        string name = "sparse_categorical_crossentropy") =>
        new(from_logits, reduction, name);

    /// <summary><c>keras.losses.BinaryCrossentropy</c>: cross-entropy of 0/1 labels, reduced; see <see
    /// cref="T:TfNotes.Keras.Losses.BinaryCrossentropy"/>.</summary>
    public BinaryCrossentropy BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, int axis = -1,
        string? reduction = "sum_over_batch_size", string name = "binary_crossentropy") =>
        new(from_logits, label_smoothing, axis, reduction, name);

    /// <summary><c>keras.losses.MeanSquaredError</c>: mean((y − ŷ)²) over the last axis, reduced; see <see
    /// cref="T:TfNotes.Keras.Losses.MeanSquaredError"/>.</summary>
    public MeanSquaredError MeanSquaredError(string? reduction = "sum_over_batch_size", string name = "mean_squared_error") => new(reduction, name);

    /// <summary>Keras' <c>losses.get</c>: a loss object for a Keras name (<c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>, <c>"BinaryCrossentropy"</c>, …).</summary>
    internal static Loss Get(string identifier) => KerasNames.SnakeCase(identifier) switch
    {
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(),
        "categorical_crossentropy" => new CategoricalCrossentropy(),
        "binary_crossentropy" => new BinaryCrossentropy(),
        "mean_squared_error" or "mse" => new MeanSquaredError(),
        _ => throw new ArgumentException($"Could not interpret loss identifier: {identifier} (TfNotes knows sparse_categorical_crossentropy, " +
            "categorical_crossentropy, binary_crossentropy, mean_squared_error / mse)", nameof(identifier)),
    };
}
