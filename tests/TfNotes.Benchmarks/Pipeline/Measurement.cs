using System.Diagnostics;

namespace TfNotes.Benchmarks.Pipeline;

/// <summary>
/// Repeated timings of one variant: median with min–max. This machine's speed drifts by tens of percent over
/// seconds, so variants are compared by <see cref="PairedRatio"/>: repetition i of two variants ran next to each
/// other, and the ratio of each such pair cancels the drift the two shared.
/// </summary>
internal sealed class Measurement(string name)
{
    readonly List<double> seconds = [];

    public string Name => name;
    public double Median => Sorted[Sorted.Count / 2] is var m && Sorted.Count % 2 == 1 ? m : (Sorted[Sorted.Count / 2 - 1] + m) / 2;
    public double Min => seconds.Min();
    public double Max => seconds.Max();
    List<double> Sorted => seconds.Order().ToList();

    /// <summary>Median, min and max over repetitions of this variant's time / <paramref name="baseline"/>'s.</summary>
    public (double Median, double Min, double Max) PairedRatio(Measurement baseline)
    {
        var ratios = seconds.Zip(baseline.seconds, (a, b) => a / b).Order().ToList();
        int n = ratios.Count;
        return (n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2, ratios[0], ratios[^1]);
    }

    public void Time(Action run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        run();
        seconds.Add(clock.Elapsed.TotalSeconds);
    }

    public override string ToString() => $"{name,-44} {Median,8:F3} s  ({Min:F3}–{Max:F3}, n={seconds.Count})";
}
