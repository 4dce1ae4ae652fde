using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Keras.Losses;

/// <summary>Keras' shape helpers for losses and metrics.</summary>
internal static class Ranks
{
    /// <summary>
    /// Keras' <c>squeeze_or_expand_to_same_rank</c>: when the ranks differ by one and the longer one ends in a 1, that
    /// axis is squeezed, or the rank-1 one gets it added (labels (m,) against predictions (m, 1)).
    /// </summary>
    internal static (Tensor, Tensor) SqueezeOrExpand(Tensor x1, Tensor x2)
    {
        int r1 = x1.ndim, r2 = x2.ndim;
        if (r1 == r2 + 1 && x1.shape[-1] == 1) return r2 == 1 ? (x1, AddAxis(x2)) : (Squeeze(x1), x2);
        if (r2 == r1 + 1 && x2.shape[-1] == 1) return r1 == 1 ? (AddAxis(x1), x2) : (x1, Squeeze(x2));
        return (x1, x2);
    }

    static Tensor AddAxis(Tensor x) => tf.reshape(x, new Shape([.. x.shape.dims, 1L]));
    static Tensor Squeeze(Tensor x) => tf.reshape(x, new Shape(x.shape.dims[..^1]));

    /// <summary><c>a / b</c>, or 0 where b is 0 (Keras' <c>divide_no_nan</c>).</summary>
    internal static Tensor DivideNoNan(Tensor a, Tensor b) => Ops.Binary("DivNoNan", a, b, (x, y) =>
    {
        using var zero = torch.zeros_like(y);
        using var isZero = y.eq(zero);
        using var ratio = x.div(y);
        return torch.where(isZero, zero, ratio);
    });

    /// <summary><paramref name="y_true"/> in <paramref name="y_pred"/>'s dtype (Keras casts labels to the predictions').</summary>
    internal static Tensor Like(Tensor y_true, Tensor y_pred) => y_true.dtype == y_pred.dtype ? y_true : tf.cast(y_true, y_pred.dtype);
}
