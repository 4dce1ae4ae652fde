using static TfNotes.Binding;

namespace TfNotes.Keras.Losses;

/// <summary>
/// A Keras loss object: <c>loss.Call(y_true, y_pred, sample_weight)</c> is Keras' <c>loss(y_true, y_pred, sample_weight)</c>.
/// The per-example losses L⁽ⁱ⁾ (<see cref="PerExample"/>, the override point: Keras' <c>call</c>) are weighted and
/// reduced as Keras 3 does:
/// <code>
/// "sum_over_batch_size" (default), "mean":  Σᵢ wᵢ·L⁽ⁱ⁾ / (number of loss values)
/// "sum":                                    Σᵢ wᵢ·L⁽ⁱ⁾
/// "mean_with_sample_weight":                Σᵢ wᵢ·L⁽ⁱ⁾ / Σᵢ wᵢ       (0 when Σ w = 0)
/// "none" or null:                           wᵢ·L⁽ⁱ⁾, unreduced
/// </code>
/// w is 1 without <c>sample_weight</c>; a weight of shape (m, 1) is squeezed to (m,), a scalar weighs every example.
/// Predictions are computed in float32, the loss dtype (float64 predictions are cast, as Keras).
/// Strings (<c>"sparse_categorical_crossentropy"</c>) and functions <c>(y_true, y_pred) → per-example losses</c>
/// convert to losses, so <c>compile(loss: …)</c> takes what Keras takes.
/// </summary>
public abstract class Loss
{
    static readonly string?[] Reductions = ["sum_over_batch_size", "sum", "none", null, "mean", "mean_with_sample_weight"];

    /// <summary>A loss named <paramref name="name"/> reducing as <paramref name="reduction"/> says (Keras' default
    /// <c>"sum_over_batch_size"</c>); an unknown reduction throws.</summary>
    protected Loss(string name, string? reduction = "sum_over_batch_size")
    {
        if (!Reductions.Contains(reduction))
            throw new ArgumentException("Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', 'none', None, 'mean', " +
                $"'mean_with_sample_weight'}}. Received: reduction={reduction ?? "None"}", nameof(reduction));
        this.name = name;
        this.reduction = reduction;
    }

    /// <summary>The loss' name (Keras' default: the snake-case class name,
    /// <c>"sparse_categorical_crossentropy"</c>).</summary>
    public string name { get; }
    /// <summary>How the per-example losses are reduced (see the class); null is Keras' <c>None</c>,
    /// unreduced.</summary>
    public string? reduction { get; }

    /// <summary>Keras' <c>loss(y_true, y_pred, sample_weight)</c>: the per-example losses, weighted and reduced; float
    /// predictions are computed in float32.</summary>
    public Tensor Call(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        if (y_pred.dtype.is_floating && y_pred.dtype != DType.Float32) y_pred = tf.cast(y_pred, tf.float32);
        var values = PerExample(y_true, y_pred);
        if (sample_weight is null && reduction == "sum_over_batch_size" && values.ndim > 0 && values.shape.size > 0)
            return tf.reduce_mean(values);
        return Reduce(values, sample_weight);
    }

    /// <summary>The loss of each example (Keras' <c>call(y_true, y_pred)</c>).</summary>
    protected abstract Tensor PerExample(Tensor y_true, Tensor y_pred);

    Tensor Reduce(Tensor values, Tensor? sample_weight)
    {
        Tensor? weights = null;
        if (sample_weight is not null)
        {
            weights = sample_weight.dtype == values.dtype ? sample_weight : tf.cast(sample_weight, values.dtype);
            (values, weights) = Ranks.SqueezeOrExpand(values, weights);
            values *= weights;
        }
        if (reduction is null or "none" || values.ndim == 0 || values.shape == new Shape(0L)) return values;
        var total = tf.reduce_sum(values);
        if (reduction == "sum") return total;
        var divisor = reduction == "mean_with_sample_weight" && weights is not null
            ? tf.reduce_sum(weights)
            : tf.constant((float)values.shape.size, dtype: values.dtype);
        return Ranks.DivideNoNan(total, divisor);
    }

    /// <summary><c>"sparse_categorical_crossentropy"</c>, <c>"mse"</c>, … (Keras' names, snake or class case) as a loss object.</summary>
    public static implicit operator Loss(string identifier) => LossesApi.Get(identifier);

    /// <summary>A function of (y_true, y_pred) giving per-example losses, reduced as any loss (Keras' <c>LossFunctionWrapper</c>).</summary>
    public static implicit operator Loss(Func<Tensor, Tensor, Tensor> function) => new LossFunctionWrapper(function);

    /// <summary><c>&lt;SparseCategoricalCrossentropy name=…, reduction=…&gt;</c> with this loss' class, name and
    /// reduction.</summary>
    public override string ToString() => $"<{GetType().Name} name={name}, reduction={reduction ?? "None"}>";
}
