using System.Diagnostics;

namespace TfNotes.Benchmarks.Pipeline;

/// <summary>Repeated timings of one variant: median with min–max.</summary>
internal sealed class Measurement(string name)
{
    readonly List<double> seconds = [];

    public string Name => name;
    public double Median => Sorted[Sorted.Count / 2] is var m && Sorted.Count % 2 == 1 ? m : (Sorted[Sorted.Count / 2 - 1] + m) / 2;
    public double Min => seconds.Min();
    public double Max => seconds.Max();
    List<double> Sorted => seconds.Order().ToList();

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
