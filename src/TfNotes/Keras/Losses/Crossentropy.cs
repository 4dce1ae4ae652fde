using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Keras.Losses;

/// <summary>The per-example cross-entropies behind the loss functions and objects, written with tf ops so the tape differentiates them.</summary>
internal static class Crossentropy
{
    /// <summary>Keras' <c>backend.epsilon()</c>: probabilities are clipped to [ε, 1 − ε] before the log.</summary>
    internal const double Epsilon = 1e-7;

    /// <summary>
    /// <c>−Σⱼ yⱼ·log ŷⱼ</c> along <paramref name="axis"/>. From logits z: ŷ = softmax(z), computed as log_softmax.
    /// From probabilities (Keras): ŷ is rescaled to sum to 1, then clipped to [ε, 1 − ε]. Label smoothing s
    /// replaces y by y·(1 − s) + s/K for K classes.
    /// </summary>
    internal static Tensor Categorical(Tensor y_true, Tensor y_pred, bool fromLogits, int axis, string op, double labelSmoothing = 0)
    {
        CheckFloating(y_pred, op);
        var target = Ranks.Like(y_true, y_pred);
        if (target.shape != y_pred.shape)
            throw new InvalidArgumentError($"{op}: Arguments `target` and `output` must have the same shape, got y_true {y_true.shape} and y_pred {y_pred.shape}");
        if (labelSmoothing != 0) target = target * (1 - labelSmoothing) + labelSmoothing / y_pred.shape[axis];
        if (fromLogits) return tf.nn.softmax_cross_entropy_with_logits(target, y_pred, axis);
        return -tf.reduce_sum(target * tf.log(ClippedProbabilities(y_pred, axis)), axis);
    }

    /// <summary>
    /// The mean over <paramref name="axis"/> of <c>−(y·log p + (1 − y)·log(1 − p))</c>, Keras' binary cross-entropy:
    /// from probabilities p clipped to [ε, 1 − ε]; from logits z, libtorch's stable
    /// <c>max(z, 0) − z·y + log(1 + e^(−|z|))</c>. Label smoothing s replaces y by y·(1 − s) + s/2.
    /// </summary>
    internal static Tensor Binary(Tensor y_true, Tensor y_pred, bool fromLogits, double labelSmoothing, int axis, string op)
    {
        CheckFloating(y_pred, op);
        var target = Ranks.Like(y_true, y_pred);
        if (target.shape != y_pred.shape)
            throw new InvalidArgumentError($"{op}: Arguments `target` and `output` must have the same shape, got y_true {y_true.shape} and y_pred {y_pred.shape}");
        if (labelSmoothing != 0) target = target * (1 - labelSmoothing) + 0.5 * labelSmoothing;
        var elementwise = Ops.Binary(op, target, y_pred, (y, p) =>
        {
            if (fromLogits) return torch.nn.functional.binary_cross_entropy_with_logits(p, y, reduction: torch.nn.Reduction.None);
            using Scalar low = Epsilon, high = 1 - Epsilon; // rooted for the native call: see Ops.WithScalar
            using var clipped = p.clamp(low, high);
            return torch.nn.functional.binary_cross_entropy(clipped, y, reduction: torch.nn.Reduction.None);
        });
        return tf.reduce_mean(elementwise, axis);
    }

    /// <summary>
    /// <c>−log ŷ_label</c> for integer labels (the categorical cross-entropy of their one-hot rows), along the last axis.
    /// <paramref name="y_true"/> has y_pred's shape without the last axis (or with it of size 1).
    /// </summary>
    internal static Tensor Sparse(Tensor y_true, Tensor y_pred, bool fromLogits, string op)
    {
        CheckFloating(y_pred, op);
        var labels = Tensor.Wrap(Labels(y_true, y_pred, op), y_true);
        var logProbabilities = fromLogits ? tf.nn.log_softmax(y_pred) : tf.log(ClippedProbabilities(y_pred, -1));
        // −log ŷ[label] picked by libtorch's nll_loss (one op and one backward, as the one-hot product's sum gives).
        long classes = y_pred.shape[-1];
        return Ops.Guarded(op, [logProbabilities, labels], () =>
        {
            var (logp, label) = (logProbabilities.Native, labels.Native);
            if (logp.dim() == 2) return torch.nn.functional.nll_loss(logp, label, reduction: torch.nn.Reduction.None);
            using var rows = logp.reshape(-1, classes);
            using var flat = label.reshape(-1);
            using var picked = torch.nn.functional.nll_loss(rows, flat, reduction: torch.nn.Reduction.None);
            return picked.reshape(label.shape);
        });
    }

    static Tensor ClippedProbabilities(Tensor y_pred, int axis) =>
        tf.clip_by_value(y_pred / tf.reduce_sum(y_pred, axis, keepdims: true), Epsilon, 1 - Epsilon);

    /// <summary>
    /// Integer labels as a new int64 libtorch tensor of y_pred's shape without its last axis (owned by the caller),
    /// checked to lie in [0, classes) as TensorFlow's losses do (its accuracy metrics do not check).
    /// </summary>
    internal static torch.Tensor Labels(Tensor y_true, Tensor y_pred, string op, bool checkRange = true)
    {
        var predicted = y_pred.shape.dims;
        if (predicted.Length == 0) throw new InvalidArgumentError($"{op}: y_pred must have a class axis, got shape {y_pred.shape}");
        var expected = predicted[..^1];
        var given = y_true.shape.dims;
        bool fits = given.AsSpan().SequenceEqual(expected) || (given.Length == predicted.Length && given[^1] == 1 && given.AsSpan(0, given.Length - 1).SequenceEqual(expected));
        if (!fits)
            throw new InvalidArgumentError($"{op}: y_true must hold one integer label per example, shape {new Shape(expected)} " +
                $"(or {new Shape([.. expected, 1])}), but y_true has shape {y_true.shape} for y_pred of shape {y_pred.shape}");
        using var detached = y_true.Native.detach();
        using var flat = detached.reshape(expected);
        var labels = flat.to_type(torch.ScalarType.Int64);
        long classes = predicted[^1];
        if (checkRange && labels.NumberOfElements > 0)
        {
            using var min = labels.min();
            using var max = labels.max();
            long low = min.ToInt64(), high = max.ToInt64();
            if (low < 0 || high >= classes)
            {
                labels.Dispose();
                throw new InvalidArgumentError($"{op}: Received a label value of {(low < 0 ? low : high)} which is outside the valid range of [0, {classes})");
            }
        }
        return labels;
    }

    static void CheckFloating(Tensor y_pred, string op)
    {
        if (!y_pred.dtype.is_floating) throw new InvalidArgumentError($"{op}: y_pred must be float32 or float64, got {y_pred.dtype} with shape {y_pred.shape}");
    }
}
