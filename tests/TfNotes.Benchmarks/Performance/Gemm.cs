using System.Diagnostics;
using static TorchSharp.torch;

namespace TfNotes.Benchmarks.Performance;

/// <summary>Matrix-product rates: the machine's (large products) and the MLP's own (its batch-64 products).</summary>
internal static class Gemm
{
    /// <summary>fp32 GFLOP/s: the median of 7 products of 2048×2048 matrices.</summary>
    public static double MeasureGflops(int n = 2048)
    {
        Engine.TorchRuntime.EnsureLoaded();
        using var a = randn(n, n);
        using var b = randn(n, n);
        for (int i = 0; i < 2; i++) a.matmul(b).Dispose();
        var seconds = new List<double>();
        for (int i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * (double)n / seconds.Order().ElementAt(3) / 1e9;
    }

    /// <summary>
    /// A run of <paramref name="flops"/> worth of 2048³ products (rounded up to whole products) on every core: the
    /// machine's rate, whatever the caller's thread count. Timed next to an epoch, the two times' ratio is the epoch's
    /// time over the ideal one at that moment. The matrices are made here, outside the timed run.
    /// </summary>
    public static Action LargeProducts(double flops, int n = 2048)
    {
        var (a, b) = (randn(n, n), randn(n, n));
        int count = (int)Math.Ceiling(flops / (2.0 * n * n * n));
        return () =>
        {
            int callerThreads = get_num_threads();
            set_num_threads(Environment.ProcessorCount);
            for (int i = 0; i < count; i++) a.matmul(b).Dispose();
            set_num_threads(callerThreads);
        };
    }

    /// <summary>
    /// Seconds for the matrix products of one MLP epoch alone (938 steps of batch 64: three forward, five backward
    /// products each, the shapes of 784-256-128-10): the part of the epoch no wrapper can shorten.
    /// </summary>
    public static double MlpEpochProducts(int batch = 64, int steps = 938)
    {
        int[] widths = [784, 256, 128, 10];
        var activations = widths.Select(w => randn(batch, w)).ToArray();
        var kernels = widths.Zip(widths.Skip(1), (i, o) => randn(i, o)).ToArray();
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            for (int l = 0; l < 3; l++) activations[l].matmul(kernels[l]);             // forward
            for (int l = 0; l < 3; l++) activations[l].t().matmul(activations[l + 1]); // kernel gradients
            for (int l = 1; l < 3; l++) activations[l + 1].matmul(kernels[l].t());     // input gradients (none for the images)
        }
        double seconds = clock.Elapsed.TotalSeconds;
        foreach (var t in activations.Concat(kernels)) t.Dispose();
        return seconds;
    }
}
