using TfNotes.Cli.Commands;
using TfNotes.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>
/// Runs trials of the study until it has <c>--trials</c> finished ones: inside <c>tfnotes tune</c> itself with one
/// worker, or as a worker process (<c>--worker I</c>) that the coordinator started.
/// </summary>
internal static class TuneWorker
{
    /// <summary>
    /// The body of a worker process; it exits when its coordinator (<paramref name="parentProcessId"/>) dies. Ctrl-C or
    /// SIGTERM fails its running trial as interrupted and ends it with exit code 130.
    /// </summary>
    public static int RunProcess(TuneSettings settings, int workerIndex, int threads, int parentProcessId)
    {
        ExitWithParent(parentProcessId);
        using var interrupt = new StopOnInterrupt(secondSignalTerminates: false);
        using var storage = StorageUrl.Open(settings.Storage);
        RunTrials(settings, storage, workerIndex, threads, TuneData.Load(settings), interrupt.Token);
        return interrupt.Token.IsCancellationRequested ? ExitCodes.Interrupted : 0;
    }

    public static void RunTrials(TuneSettings settings, IStorage storage, int workerIndex, int threads, TuneData data,
        CancellationToken cancellation)
    {
        var study = TuneStudy.Open(settings, storage, workerIndex);
        study.Optimize(new ThreeLayerObjective(settings, data, threads, cancellation).Evaluate, settings.Trials, cancellationToken: cancellation);
    }

    /// <summary>
    /// A coordinator killed with SIGKILL cannot stop its workers: they stop themselves, like it, mid-trial, and the
    /// trial's stale heartbeat fails it.
    /// </summary>
    static void ExitWithParent(int parentProcessId)
    {
        System.Diagnostics.Process parent;
        try
        {
            parent = System.Diagnostics.Process.GetProcessById(parentProcessId);
        }
        catch (ArgumentException)
        {
            Environment.Exit(3);
            return;
        }
        new Thread(() =>
        {
            parent.WaitForExit();
            Environment.Exit(3);
        }) { IsBackground = true, Name = "watch coordinator" }.Start();
    }
}
