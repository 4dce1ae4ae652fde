using TorchSharp;

namespace TfNotes;

/// <summary>
/// Batch normalization in training mode as one libtorch kernel forward and one backward (libtorch's
/// <c>native_batch_norm</c>, as TensorFlow's <c>FusedBatchNormV3</c>), with Keras' moving statistics:
/// <code>
/// μ = mean(x),  σ² = mean((x − μ)²)  over every axis but <c>featureAxis</c> (m values per feature)
/// y = γ·(x − μ)/√(σ² + ε) + β
/// moving_mean     ← moving_mean·momentum     + μ·(1 − momentum)
/// moving_variance ← moving_variance·momentum + σ²·(1 − momentum)     (biased σ², as Keras)
/// </code>
/// The moving statistics never reach libtorch: its running variance takes the unbiased batch variance. The kernel's
/// own batch statistics are read instead, through zeroed scratch buffers it updates at momentum 1 (μ, and
/// σ²·m/(m − 1), scaled back here): a separate <c>var_mean</c> costs more than the whole batch norm at 64 × 256
/// (docs/PERFORMANCE.md). The tape records the kernel as any other op (x, γ and β get gradients through its backward).
/// </summary>
internal static class FusedBatchNorm
{
    /// <summary>Whether the kernel applies: libtorch needs a batch axis next to the features and more than one value per feature.</summary>
    internal static bool Applies(Shape shape, int featureAxis) => shape.ndim >= 2 &&
        shape.dims.Where((_, a) => a != featureAxis).Aggregate(1L, (n, d) => n * d) > 1;

    internal static Tensor Training(Tensor x, Tensor? gamma, Tensor? beta, Variable movingMean, Variable movingVariance, double momentum,
        int featureAxis, double epsilon)
    {
        Tensor[] inputs = [x, .. new[] { gamma, beta }.OfType<Tensor>()];
        var t = x.Native;
        long features = t.shape[featureAxis], m = t.NumberOfElements / features;
        using var mean = torch.zeros(features, t.dtype);
        using var unbiased = torch.zeros(features, t.dtype);
        var y = Ops.Guarded("FusedBatchNormV3", inputs, () =>
        {
            if (featureAxis == 1) return Kernel(t);
            using var channelsSecond = t.movedim([featureAxis], [1]);
            using var normalized = Kernel(channelsSecond);
            return normalized.movedim([1], [featureAxis]);
        });
        using (torch.no_grad())
        {
            // Rooted for the native calls (see Ops.WithScalar). The buffers are read, never written: the backward saved them.
            using Scalar take = 1 - momentum, keep = momentum, takeBiased = (1 - momentum) * (m - 1.0) / m;
            movingMean.Native.mul_(keep).add_(mean, alpha: take);
            movingVariance.Native.mul_(keep).add_(unbiased, alpha: takeBiased);
        }
        return y;

        torch.Tensor Kernel(torch.Tensor channelsSecond) => torch.nn.functional.batch_norm(channelsSecond, mean, unbiased,
            gamma?.Native, beta?.Native, training: true, momentum: 1, eps: epsilon);
    }
}
