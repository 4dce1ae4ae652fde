using TorchSharp;

namespace TfNotes.Summary;

/// <summary>
/// TensorFlow 2's histogram summary tensor: <c>k</c> rows <c>[left edge, right edge, count]</c> (float64) over all the
/// elements of the data, as TensorBoard's <c>histogram</c> computes them. With min m, range r = max − m and width
/// w = r / k, element x falls in bucket <c>min(⌊(x − m) / w⌋, k − 1)</c>; edge i is <c>m + (r / k)·i</c> (TensorFlow's
/// linspace) and the last edge is the max. All equal values: every edge is that value and the last bucket counts
/// them all. No data: k rows of zeros; k = 0: no rows.
/// </summary>
internal static class Histogram
{
    internal const int DefaultBuckets = 30;

    internal static double[] Buckets(Tensor data, int bucketCount)
    {
        int k = Math.Max(0, bucketCount);
        var rows = new double[k * 3];
        using var flat = data.Native.reshape(-1);
        using var values = flat.to_type(torch.ScalarType.Float64);
        long n = values.NumberOfElements;
        if (n == 0 || k == 0) return rows;
        double min, max;
        using (var low = values.min()) min = low.ToDouble();
        using (var high = values.max()) max = high.ToDouble();
        double range = max - min;
        var counts = new double[k];
        var edges = new double[k + 1];
        if (range == 0)
        {
            Array.Fill(edges, max);
            counts[k - 1] = n;
        }
        else
        {
            using Scalar lowest = min;
            using var offsets = values.sub(lowest);
            using var widths = torch.full_like(offsets, range / k); // a true division per element, as TensorFlow's
            using var quotients = offsets.div(widths);
            using var floors = quotients.floor_();
            using var indices = floors.to_type(torch.ScalarType.Int64);
            using Scalar last = k - 1;
            using var clamped = indices.clamp_max(last);
            using var bins = clamped.bincount(null, k);
            var binCounts = (long[])DType.Int64.Values.ToArray(bins);
            for (int i = 0; i < k; i++) counts[i] = binCounts[i];
            double step = range / k;
            for (int i = 0; i < k; i++) edges[i] = min + step * i;
            edges[k] = max;
        }
        for (int i = 0; i < k; i++) (rows[3 * i], rows[3 * i + 1], rows[3 * i + 2]) = (edges[i], edges[i + 1], counts[i]);
        return rows;
    }
}
