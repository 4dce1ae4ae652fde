using System.Diagnostics;

namespace TfNotes.Cli.Tune;

/// <summary>
/// K worker processes, each this same executable run as <c>tfnotes tune … --worker I</c> on the same storage, each
/// limited to its share of the cores (libtorch threads, OpenMP and the .NET runtime's processor count).
/// </summary>
internal sealed class WorkerProcesses : IDisposable
{
    readonly List<(Process Process, Task<string> Errors)> workers = [];

    public WorkerProcesses(TuneSettings settings)
    {
        var threads = ThreadsPerWorker(settings.Workers);
        for (var index = 0; index < settings.Workers; index++)
        {
            var start = SelfStartInfo(settings.WorkerArguments(index, threads, Environment.ProcessId));
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment["OMP_NUM_THREADS"] = $"{threads}";
            start.Environment["MKL_NUM_THREADS"] = $"{threads}";
            start.Environment["DOTNET_PROCESSOR_COUNT"] = $"{threads}";
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process");
            // Drain both pipes so a chatty worker never stalls; keep stderr for the error report.
            _ = process.StandardOutput.ReadToEndAsync();
            workers.Add((process, process.StandardError.ReadToEndAsync()));
        }
    }

    /// <summary>libtorch threads for each of <paramref name="workers"/> processes sharing this machine.</summary>
    static int ThreadsPerWorker(int workers) => Math.Max(1, Environment.ProcessorCount / workers);

    /// <summary>Waits for every worker; returns one line per worker that failed (empty when all exited with 0).</summary>
    public async Task<IReadOnlyList<string>> WaitAsync()
    {
        var failures = new List<string>();
        for (var index = 0; index < workers.Count; index++)
        {
            var (process, errors) = workers[index];
            await process.WaitForExitAsync();
            if (process.ExitCode == 0) continue;
            var lastLine = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            failures.Add($"worker {index} exited with code {process.ExitCode}{(lastLine is null ? "" : ": " + lastLine)}");
        }
        return failures;
    }

    /// <summary>Stops workers still running (the coordinator is being cancelled or failed).</summary>
    public void Dispose()
    {
        foreach (var (process, _) in workers)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    /// <summary>How to start this executable again: the apphost directly, or <c>dotnet tfnotes.dll</c>.</summary>
    static ProcessStartInfo SelfStartInfo(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this process's executable");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(WorkerProcesses).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
