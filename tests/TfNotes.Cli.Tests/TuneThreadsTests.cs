using TfNotes.Cli.Tune;
using TfNotes.Tuning.Storage;
using static TfNotes.Binding;

namespace TfNotes.Cli.Tests;

/// <summary>Runs alone: libtorch's thread count is process-wide.</summary>
[Collection(nameof(TuneMemoryTests))]
public class TuneThreadsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_workers_trials_train_on_the_threads_it_was_given(int threads)
    {
        var settings = new TuneSettings
        {
            Study = "threads", Storage = "memory:", OutputDirectory = "", Trials = 2, Epochs = 2,
            TrainSubset = 256, Validation = 128, Hidden = new(4, 8), Seed = 3, DataDir = TrainCli.DataDir,
        };
        using var storage = StorageUrl.Open(settings.Storage);
        var study = TuneStudy.Open(settings, storage);
        var seen = new List<(int Configured, int Libtorch)>();
        // Reported after each epoch, on the thread that trains: what the trial really runs with.
        study.TrialReported += (_, _) => seen.Add((tf.config.threading.get_intra_op_parallelism_threads(), TorchSharp.torch.get_num_threads()));
        tf.config.threading.set_intra_op_parallelism_threads(threads == 1 ? 2 : 1); // the other count beforehand

        study.Optimize(new ThreeLayerObjective(settings, TuneData.Load(settings), threads).Evaluate, settings.Trials);

        Assert.Equal(4, seen.Count);
        Assert.All(seen, s => Assert.Equal((threads, threads), s));
    }
}
