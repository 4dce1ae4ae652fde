using System.Diagnostics;
using Spectre.Console;
using TfNotes.Cli.Commands;
using TfNotes.Cli.Training;
using TfNotes.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>
/// <c>tfnotes tune</c>: runs the study's trials (in this process with one worker, else in worker processes) while
/// showing them, then prints the leaderboard, retrains the best on the whole training part and tests it once, and
/// writes the plots and the CSV/JSON export into the output folder. The first Ctrl-C or SIGTERM stops starting
/// trials, fails the running ones as "interrupted" (the workers get the signal too), writes the exports and ends
/// with exit code 130; the same command resumes.
/// </summary>
internal static class TuneRun
{
    /// <summary>More worker processes than this is a mistake, not a plan (each loads the data and a libtorch).</summary>
    public const int MaxWorkers = 64;

    public static async Task<int> RunAsync(TuneSettings settings, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var interrupt = new StopOnInterrupt();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, interrupt.Token);
        Directory.CreateDirectory(settings.OutputDirectory);
        using var storage = StorageUrl.Open(settings.Storage);
        var study = TuneStudy.Open(settings, storage);
        TuneStudy.RecordOrCheckSettings(study, settings);
        settings = settings with { Workers = CappedWorkers(settings, study) };
        // Worker processes load their own copy: the coordinator loads it for trials in this process or for the retraining.
        var data = new Lazy<TuneData>(() => TuneData.Load(settings));

        var (failures, badInput) = await RunTrialsAsync(settings, storage, data, study.Id, stop.Token);

        var best = study.BestTrial;
        double? testAccuracy = best is null || stop.IsCancellationRequested ? null : Retrain(best, settings, data.Value, stop.Token);
        var interrupted = stop.IsCancellationRequested;   // also during the retraining, which then stops after its step
        if (best is not null && testAccuracy is { } accuracy)
            storage.SetUserAttribute(best.Id, "test_accuracy", accuracy);
        var files = Export(study, settings.OutputDirectory);

        var summary = new TuneSummary(settings, study.Trials, testAccuracy, files, clock.Elapsed);
        summary.Print();
        foreach (var failure in failures) Console.Error.WriteLine($"tfnotes tune: {failure}");
        if (interrupted)
            Console.Error.WriteLine($"tfnotes tune: interrupted: {study.Trials.Count(t => t.State.IsFinished())} finished; run the same command to resume");
        if (settings.Json) Console.WriteLine(summary.ToJson());
        return interrupted ? ExitCodes.Interrupted : failures.Count == 0 ? 0 : badInput ? ExitCodes.BadInput : ExitCodes.Failed;
    }

    /// <summary>
    /// The worker processes worth starting: no more than the trials still needed, nor than the cores (each worker
    /// gets at least one); a warning says when fewer than asked for start.
    /// </summary>
    static int CappedWorkers(TuneSettings settings, Study study)
    {
        var needed = Math.Max(1, settings.Trials - study.Trials.Count(t => t.State.IsFinished()));
        var capped = Math.Min(settings.Workers, Math.Min(needed, Environment.ProcessorCount));
        if (capped < settings.Workers)
            Console.Error.WriteLine(
                $"tfnotes tune: --workers {settings.Workers} capped at {capped}: {Environment.ProcessorCount} cores, {needed} trial(s) still needed");
        return capped;
    }

    /// <summary>Runs and shows trials until the study is done or stopped; returns what went wrong (nothing when all went well).</summary>
    static async Task<(IReadOnlyList<string> Failures, bool BadInput)> RunTrialsAsync(TuneSettings settings, IStorage storage,
        Lazy<TuneData> data, int studyId, CancellationToken stop)
    {
        var monitor = new TrialMonitor(storage, studyId, settings);
        if (settings.Workers == 1)
        {
            var loaded = data.Value;
            var trials = Task.Factory.StartNew(
                () => TuneWorker.RunTrials(settings, storage, 0, Environment.ProcessorCount, loaded, stop),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await monitor.WatchAsync(trials);
            try
            {
                await trials;
                return ([], false);
            }
            catch (InvalidOperationException e)
            {
                return ([e.Message], false);
            }
        }

        using var workers = new WorkerProcesses(settings);
        using var passOn = stop.Register(workers.Interrupt);
        var done = workers.WaitAsync();
        await monitor.WatchAsync(done);
        return await done;
    }

    /// <summary>Trains the best parameters on validation + training examples and returns the test accuracy (null if it diverged or was interrupted).</summary>
    static double? Retrain(FrozenTrial best, TuneSettings settings, TuneData data, CancellationToken stop)
    {
        AnsiConsole.MarkupLine($"retraining trial {best.Number}'s parameters on {data.Retrain.Count} examples, testing on {data.Test.Count}…");
        var trainer = new Trainer(ThreeLayerObjective.Options(best.Params, settings, best.Number), Environment.ProcessorCount);
        var result = trainer.Fit(data.Retrain, data.Test, cancellation: stop);
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
