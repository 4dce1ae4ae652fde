using System.Diagnostics;
using TfNotes.Cli.Tune;
using TfNotes.Tuning.Storage;
using TorchSharp;
using Xunit.Abstractions;

namespace TfNotes.Cli.Tests;

/// <summary>Runs alone: it measures the process's memory, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(TuneMemoryTests), DisableParallelization = true)]
[Collection(nameof(TuneMemoryTests))]
public class TuneMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Native_tensors_and_memory_stay_flat_across_200_trials_of_the_real_objective()
    {
        var settings = new TuneSettings
        {
            Study = "memory", Storage = "memory:", OutputDirectory = "", Trials = 220, Epochs = 1,
            TrainSubset = 512, Validation = 256, Hidden = new(4, 8), Seed = 3, DataDir = TrainCli.DataDir,
        };
        using var storage = StorageUrl.Open(settings.Storage);
        var study = TuneStudy.Open(settings, storage);
        (long Tensors, long Bytes) afterWarmup = default, atEnd = default;
        long duringTrial = 0;
        study.TrialReported += (_, _) => duringTrial = Math.Max(duringTrial, torch.Tensor.TotalCount);
        study.TrialFinished += (_, trial) =>
        {
            if (trial.Number == 19) afterWarmup = Measure();
            if (trial.Number == 219) atEnd = Measure();
        };

        study.Optimize(new ThreeLayerObjective(settings, TuneData.Load(settings), threads: 1).Evaluate, settings.Trials);

        output.WriteLine($"live native tensors {afterWarmup.Tensors} → {atEnd.Tensors} (up to {duringTrial} during a trial), resident {afterWarmup.Bytes:N0} → {atEnd.Bytes:N0} bytes");
        Assert.Equal(settings.Trials, study.Trials.Count(t => t.State == TfNotes.Tuning.TrialState.Complete));
        Assert.True(duringTrial > 0, "the count sees a trial's tensors");
        Assert.True(atEnd.Tensors - afterWarmup.Tensors <= 0, $"{atEnd.Tensors - afterWarmup.Tensors} more live native tensors after 200 trials");
        Assert.True(atEnd.Bytes - afterWarmup.Bytes < 40_000_000, $"resident memory grew {atEnd.Bytes - afterWarmup.Bytes:N0} bytes over 200 trials");
    }

    /// <summary>
    /// Native tensors alive in the process and its resident memory, after a full collection. (A trial's model, optimizer
    /// slots and data tensors are freed by the GC's finalizer thread, which this worker thread's own count
    /// DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount never sees; TorchSharp's process count does.)
    /// </summary>
    static (long Tensors, long Bytes) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (torch.Tensor.TotalCount, process.WorkingSet64);
    }
}
