using System.Diagnostics;
using Xunit.Abstractions;

namespace TfNotes.Tuning.Tests;

/// <summary>Runs alone: handle counts are process-wide, and other tests open databases in parallel.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
[Collection(nameof(MemoryTests))]
public class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void MemoryAndHandlesStayFlatAcross200Trials()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("memory", storage);
        long managedAfterWarmup = 0, managedAtEnd = 0;
        int handlesAfterWarmup = 0, handlesAtEnd = 0;
        study.TrialFinished += (_, t) =>
        {
            if (t.Number != 19 && t.Number != 219) return;
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var handles = Process.GetCurrentProcess().HandleCount;
            if (t.Number == 19) (managedAfterWarmup, handlesAfterWarmup) = (managed, handles);
            else (managedAtEnd, handlesAtEnd) = (managed, handles);
        };

        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", -1, 1);
            t.Report(x, 0);
            t.Report(x / 2, 1);
            return x * x + t.SuggestInt("n", 1, 8);
        }, 220);

        Assert.Equal(220, study.Trials.Count);
        var growth = managedAtEnd - managedAfterWarmup;
        output.WriteLine($"managed {managedAfterWarmup:N0} → {managedAtEnd:N0} bytes, handles {handlesAfterWarmup} → {handlesAtEnd}");
        Assert.True(managedAfterWarmup > 0 && managedAtEnd > 0, "both measurements were taken");
        Assert.True(growth < 1_000_000, $"managed memory grew {growth:N0} bytes over 200 trials");
        Assert.True(handlesAtEnd - handlesAfterWarmup <= 5, $"handles {handlesAfterWarmup} → {handlesAtEnd}");
    }
}
