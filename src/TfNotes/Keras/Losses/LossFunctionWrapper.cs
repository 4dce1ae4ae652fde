namespace TfNotes.Keras.Losses;

/// <summary>A loss from a per-example function (Keras' <c>LossFunctionWrapper</c>); y_true and y_pred ranks are matched first.</summary>
public sealed class LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, string? reduction = "sum_over_batch_size", string? name = null)
    : Loss(name ?? fn.Method.Name, reduction)
{
    /// <inheritdoc/>
    protected override Tensor PerExample(Tensor y_true, Tensor y_pred)
    {
        (y_true, y_pred) = Ranks.SqueezeOrExpand(y_true, y_pred);
        return fn(y_true, y_pred);
    }
}
