using static TfNotes.Binding;

namespace TfNotes.Keras.Losses;

/// <summary>
/// <c>tf.keras.losses.MeanSquaredError</c>: per example <c>L = mean((y − ŷ)²)</c> over the last axis, reduced as
/// <see cref="Loss"/> says.
/// </summary>
public sealed class MeanSquaredError(string? reduction = "sum_over_batch_size", string name = "mean_squared_error") : Loss(name, reduction)
{
    /// <inheritdoc/>
    protected override Tensor PerExample(Tensor y_true, Tensor y_pred) => Of(y_true, y_pred);

    /// <summary><c>tf.keras.losses.mean_squared_error</c>: labels take the predictions' dtype and rank (a (m,) against (m, 1) gets its axis).</summary>
    internal static Tensor Of(Tensor y_true, Tensor y_pred)
    {
        if (!y_pred.dtype.is_floating) y_pred = tf.cast(y_pred, tf.float32);
        (y_true, y_pred) = Ranks.SqueezeOrExpand(Ranks.Like(y_true, y_pred), y_pred);
        return tf.reduce_mean(tf.square(y_true - y_pred), -1);
    }
}
