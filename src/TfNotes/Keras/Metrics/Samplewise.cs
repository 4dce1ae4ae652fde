using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>Keras' <c>reduce_to_samplewise_values</c> and the sums a mean metric accumulates, in float64.</summary>
internal static class Samplewise
{
    /// <summary>
    /// Σᵢ wᵢ·vᵢ and Σᵢ wᵢ over samples i, where vᵢ is sample i's mean over its other axes; without weights wᵢ = 1
    /// (a scalar is one sample). A weight of shape (m, 1) is squeezed, one of higher rank averages the values over
    /// its trailing axes first.
    /// </summary>
    internal static (double Sum, double Count) Sum(torch.Tensor values, torch.Tensor? sample_weight)
    {
        using var v = values.detach().to_type(torch.ScalarType.Float64);
        if (sample_weight is null)
        {
            using var perSample = MeanOverSampleAxes(v);
            using var sum = perSample.sum();
            return (sum.ToDouble(), v.dim() == 0 ? 1 : v.size(0));
        }
        using var w0 = sample_weight.detach().to_type(torch.ScalarType.Float64);
        var (values2, weights) = SqueezeOrExpand(v, w0);
        using (values2)
        using (weights)
        {
            using var reduced = values2.dim() > weights.dim()
                ? values2.mean(Enumerable.Range((int)weights.dim(), (int)(values2.dim() - weights.dim())).Select(a => (long)a).ToArray())
                : values2.alias();
            using var broadcastWeights = weights.expand(Tensor.Dims(reduced)).contiguous();
            using var weighted = reduced.mul(broadcastWeights);
            using var perSample = MeanOverSampleAxes(weighted);
            using var total = perSample.sum();
            using var perSampleWeight = MeanOverSampleAxes(broadcastWeights);
            using var weightSum = perSampleWeight.sum();
            return (total.ToDouble(), weightSum.ToDouble());
        }
    }

    /// <summary>Each sample's mean over its axes after the first (the tensor itself when it has at most one axis).</summary>
    static torch.Tensor MeanOverSampleAxes(torch.Tensor x) =>
        x.dim() > 1 ? x.mean(Enumerable.Range(1, (int)x.dim() - 1).Select(a => (long)a).ToArray()) : x.alias();

    /// <summary>Keras' <c>squeeze_or_expand_to_same_rank</c> on libtorch tensors: two new handles, owned by the caller.</summary>
    internal static (torch.Tensor, torch.Tensor) SqueezeOrExpand(torch.Tensor x1, torch.Tensor x2)
    {
        long r1 = x1.dim(), r2 = x2.dim();
        if (r1 == r2 + 1 && x1.size(-1) == 1) return r2 == 1 ? (x1.alias(), x2.unsqueeze(-1)) : (x1.squeeze(-1), x2.alias());
        if (r2 == r1 + 1 && x2.size(-1) == 1) return r1 == 1 ? (x1.unsqueeze(-1), x2.alias()) : (x1.alias(), x2.squeeze(-1));
        return (x1.alias(), x2.alias());
    }
}
