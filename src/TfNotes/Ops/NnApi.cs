using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes;

/// <summary><c>tf.nn</c>: activations, softmax, moments and batch normalization.</summary>
public sealed class NnApi
{
    internal NnApi() { }

    /// <summary><c>tf.nn.relu</c>: max(features, 0) of each element.</summary>
    public Tensor relu(Tensor features) => Ops.Elementwise(features, t => t.relu());
    /// <summary><c>tf.nn.sigmoid</c>: <see cref="TensorFlowApi.sigmoid"/>.</summary>
    public Tensor sigmoid(Tensor x) => tf.sigmoid(x);
    /// <summary><c>tf.nn.tanh</c>: <see cref="TensorFlowApi.tanh"/>.</summary>
    public Tensor tanh(Tensor x) => tf.tanh(x);
    /// <summary><c>tf.nn.softplus</c>: <see cref="MathApi.softplus"/>.</summary>
    public Tensor softplus(Tensor features) => tf.math.softplus(features);

    /// <summary>exp(z − max z) / Σ exp(z − max z): libtorch's kernel subtracts the max, so large logits do not overflow.</summary>
    public Tensor softmax(Tensor logits, int axis = -1) => Ops.Unary(logits, t => t.softmax(Axis(logits, axis, "Softmax")));
    /// <summary><c>tf.nn.log_softmax</c>: z − log Σ exp(z) along <paramref name="axis"/> (default the last).</summary>
    public Tensor log_softmax(Tensor logits, int axis = -1) => Ops.Unary(logits, t => t.log_softmax(Axis(logits, axis, "LogSoftmax")));

    /// <summary>
    /// Mean and biased variance over <paramref name="axes"/>, as <c>tf.nn.moments</c>: the variance is
    /// mean((x − stop_gradient(mean))²), so its gradient flows through x only.
    /// </summary>
    public (Tensor mean, Tensor variance) moments(Tensor x, int[] axes, bool keepdims = false)
    {
        var dims = Ops.Axes(x, axes, "moments");
        var mean = Ops.Unary(x, t => t.mean(dims, keepdim: true));
        var variance = Ops.Binary("moments", x, mean, (t, m) =>
        {
            using var fixedMean = m.detach();
            using var centred = t - fixedMean;
            using var squared = Ops.Square(centred);
            return squared.mean(dims, keepdim: keepdims);
        });
        return (keepdims ? mean : Ops.Unary(mean, m => m.reshape(variance.shape.dims)), variance);
    }

    /// <summary>
    /// <c>scale·(x − mean)/√(variance + ε) + offset</c>, computed as TensorFlow does:
    /// <c>inv = rsqrt(variance + ε)·scale; x·inv + (offset − mean·inv)</c>.
    /// </summary>
    public Tensor batch_normalization(Tensor x, Tensor mean, Tensor variance, Tensor? offset, Tensor? scale, double variance_epsilon)
    {
        var inv = Ops.WithScalar(variance, variance_epsilon, (v, epsilon) =>
        {
            using var shifted = v.add(epsilon, Ops.One);
            return shifted.rsqrt();
        });
        if (scale is not null) inv = inv * scale;
        var shift = offset is null ? -(mean * inv) : offset - mean * inv;
        return x * inv + shift;
    }

    /// <summary>Per-example cross-entropy −Σ labels·log softmax(logits) along <paramref name="axis"/>.</summary>
    public Tensor softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, int axis = -1)
    {
        if (labels.shape != logits.shape)
            throw new InvalidArgumentError($"softmax_cross_entropy_with_logits: logits and labels must have the same shape, got logits {logits.shape} and labels {labels.shape}");
        long dim = Axis(logits, axis, "SoftmaxCrossEntropyWithLogits");
        return Ops.Binary("SoftmaxCrossEntropyWithLogits", labels, logits, (y, z) =>
        {
            using var logp = z.log_softmax(dim);
            using var terms = y * logp;
            using var sum = terms.sum(dim);
            return sum.neg();
        });
    }

    /// <summary>
    /// Per-element binary cross-entropy of <paramref name="labels"/> z and <paramref name="logits"/> x, TensorFlow's
    /// stable form <c>max(x, 0) − x·z + log(1 + exp(−|x|))</c>, with max and |x| taken as TensorFlow does (x ≥ 0 picks
    /// the first branch), so the gradient at x = 0 is sigmoid(0) − z as in TensorFlow.
    /// </summary>
    public Tensor sigmoid_cross_entropy_with_logits(Tensor labels, Tensor logits)
    {
        if (labels.shape != logits.shape)
            throw new ArgumentException($"sigmoid_cross_entropy_with_logits: `logits` and `labels` must have the same shape, " +
                $"received ({logits.shape} vs {labels.shape}).", nameof(labels));
        Ops.Require("sigmoid_cross_entropy_with_logits", logits, Ops.Floating);
        return Ops.Elementwise("sigmoid_cross_entropy_with_logits", labels, logits, (z, x) =>
        {
            using var zero = torch.zeros_like(x);
            using var positive = x.ge(zero);
            using var negated = x.neg();
            using var relu = torch.where(positive, x, zero);
            using var negativeAbs = torch.where(positive, negated, x);
            using var exp = negativeAbs.exp();
            using var log = exp.log1p();
            using var product = x.mul(z);
            using var difference = relu.sub(product);
            return difference.add(log, Ops.One);
        });
    }

    static long Axis(Tensor x, int axis, string op) => Ops.Axes(x, [axis], op)[0];
}
