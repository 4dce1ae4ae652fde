using System.Diagnostics;
using static TorchSharp.torch;

namespace TfNotes.Benchmarks.Performance;

/// <summary>The machine's fp32 matrix-product rate: the median of 7 products of 2048×2048 matrices.</summary>
internal static class Gemm
{
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
}
