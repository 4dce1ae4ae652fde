using TorchSharp;

namespace TfNotes;

/// <summary>
/// Batch normalization in training mode as one libtorch kernel forward and one backward (TensorFlow's
/// <c>FusedBatchNormV3</c>; libtorch's <c>native_batch_norm</c>), for Keras' <c>BatchNormalization</c>:
/// <code>
/// μ = mean(x),  σ² = mean((x − μ)²)  over every axis but <c>featureAxis</c>
/// y = γ·(x − μ)/√(σ² + ε) + β
/// </code>
/// libtorch gets no running statistics: its running variance would take the unbiased batch variance, Keras' moving
/// variance takes the biased one. The batch's μ and σ² for the moving averages come from one <c>var_mean</c> kernel
/// without gradient. The tape records the kernel as any other op (x, γ and β get gradients through its backward).
/// </summary>
internal static class FusedBatchNorm
{
    /// <summary>Whether the kernel applies: libtorch needs a batch axis next to the features and more than one value per feature.</summary>
    internal static bool Applies(Shape shape, int featureAxis) => shape.ndim >= 2 &&
        shape.dims.Where((_, a) => a != featureAxis).Aggregate(1L, (n, d) => n * d) > 1;

    /// <summary>y, and the batch's μ and biased σ² (detached; the caller disposes them).</summary>
    internal static (Tensor y, torch.Tensor mean, torch.Tensor variance) Training(Tensor x, Tensor? gamma, Tensor? beta, int featureAxis, double epsilon)
    {
        Tensor[] inputs = [x, .. new[] { gamma, beta }.OfType<Tensor>()];
        torch.Tensor? mean = null, variance = null;
        var y = Ops.Guarded("FusedBatchNormV3", inputs, () =>
        {
            var t = x.Native;
            using var channelsSecond = t.movedim([featureAxis], [1]);
            using (torch.no_grad())
            {
                var reduced = Enumerable.Range(0, (int)t.dim()).Where(a => a != 1).Select(a => (long)a).ToArray();
                (variance, mean) = torch.var_mean(channelsSecond, reduced, unbiased: false);
            }
            var normalized = torch.nn.functional.batch_norm(channelsSecond, null, null, gamma?.Native, beta?.Native,
                training: true, momentum: 0, eps: epsilon);
            if (featureAxis == 1) return normalized;
            using (normalized) return normalized.movedim([1], [featureAxis]);
        });
        return (y, mean!, variance!);
    }
}
