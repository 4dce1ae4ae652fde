using System.Diagnostics;
using Spectre.Console;
using TfNotes.Cli.Training;
using TfNotes.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>
/// <c>tfnotes tune</c>: runs the study's trials (in this process with one worker, else in worker processes) while
/// showing them, then prints the leaderboard, retrains the best on the whole training part and tests it once, and
/// writes the plots and the CSV/JSON export into the output folder.
/// </summary>
internal static class TuneRun
{
    public static async Task<int> RunAsync(TuneSettings settings, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutputDirectory);
        using var storage = StorageUrl.Open(settings.Storage);
        var study = TuneStudy.Open(settings, storage);
        // Worker processes load their own copy: the coordinator loads it for trials in this process or for the retraining.
        var data = new Lazy<TuneData>(() => TuneData.Load(settings));

        var failures = await RunTrialsAsync(settings, storage, data, study.Id, cancellation);
        if (cancellation.IsCancellationRequested) failures = [.. failures, "interrupted: the study resumes when run again"];

        var best = study.BestTrial;
        double? testAccuracy = best is null || cancellation.IsCancellationRequested ? null : Retrain(best, settings, data.Value);
        if (best is not null && testAccuracy is { } accuracy)
            storage.SetUserAttribute(best.Id, "test_accuracy", accuracy);
        var files = Export(study, settings.OutputDirectory);

        var summary = new TuneSummary(settings, study.Trials, testAccuracy, files, clock.Elapsed);
        summary.Print();
        foreach (var failure in failures) Console.Error.WriteLine($"tfnotes: {failure}");
        if (settings.Json) Console.WriteLine(summary.ToJson());
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs and shows trials until the study is done; returns what went wrong (nothing when all went well).</summary>
    static async Task<IReadOnlyList<string>> RunTrialsAsync(TuneSettings settings, IStorage storage, Lazy<TuneData> data, int studyId,
        CancellationToken cancellation)
    {
        var monitor = new TrialMonitor(storage, studyId, settings);
        if (settings.Workers == 1)
        {
            var loaded = data.Value;
            var trials = Task.Factory.StartNew(
                () => TuneWorker.RunTrials(settings, storage, 0, Environment.ProcessorCount, loaded, cancellation),
                cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await monitor.WatchAsync(trials);
            try
            {
                await trials;
                return [];
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                return [e.Message];
            }
        }

        using var workers = new WorkerProcesses(settings);
        var done = workers.WaitAsync();
        await monitor.WatchAsync(done.WaitAsync(cancellation).ContinueWith(_ => { }, TaskScheduler.Default));
        return cancellation.IsCancellationRequested ? [] : await done;
    }

    /// <summary>Trains the best parameters on validation + training examples and returns the test accuracy (null if it diverged).</summary>
    static double? Retrain(FrozenTrial best, TuneSettings settings, TuneData data)
    {
        AnsiConsole.MarkupLine($"retraining trial {best.Number}'s parameters on {data.Retrain.Count} examples, testing on {data.Test.Count}…");
        var trainer = new Trainer(MlpObjective.Options(best.Params, settings, best.Number), Environment.ProcessorCount);
        var result = trainer.Fit(data.Retrain, data.Test);
        return result.Outcome == TrainingOutcome.Completed ? result.Epochs[^1].EvaluationAccuracy : null;
    }

    static IReadOnlyList<string> Export(Study study, string folder)
    {
        var csv = Path.Combine(folder, "trials.csv");
        var json = Path.Combine(folder, "trials.json");
        study.ExportCsv(csv);
        study.ExportJson(json);
        return [csv, json, .. TunePlots.Write(study.Trials, folder)];
    }
}
