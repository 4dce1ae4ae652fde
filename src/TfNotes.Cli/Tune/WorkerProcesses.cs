using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TfNotes.Cli.Tune;

/// <summary>
/// K worker processes, each this same executable run as <c>tfnotes tune … --worker I</c> on the same storage, each
/// limited to its share of the cores (libtorch threads, OpenMP and the .NET runtime's processor count). The storage
/// URL goes to them in the environment, not on their command lines, where any user's <c>ps</c> would show a password.
/// </summary>
internal sealed class WorkerProcesses : IDisposable
{
    /// <summary>The variable a worker reads its storage URL from.</summary>
    public const string StorageVariable = "TFNOTES_TUNE_STORAGE";

    readonly List<(Process Process, Task<string> Errors)> workers = [];

    public WorkerProcesses(TuneSettings settings)
    {
        var threads = ThreadsPerWorker(settings.Workers);
        for (var index = 0; index < settings.Workers; index++)
        {
            var start = SelfStartInfo(settings.WorkerArguments(index, threads, Environment.ProcessId));
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment[StorageVariable] = settings.Storage;
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

    /// <summary>
    /// Waits for every worker; returns one line per cause of failure, naming the workers that hit it (empty when all
    /// exited with 0 or were interrupted), and whether every failure was bad input (a worker's exit code 2).
    /// </summary>
    public async Task<(IReadOnlyList<string> Failures, bool BadInput)> WaitAsync()
    {
        var failed = new List<(int Index, int ExitCode, string Cause)>();
        for (var index = 0; index < workers.Count; index++)
        {
            var (process, errors) = workers[index];
            await process.WaitForExitAsync();
            if (process.ExitCode is 0 or ExitCodes.Interrupted) continue;
            var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // The worker's own one-line message, not the last frame of a stack trace.
            var cause = lines.LastOrDefault(l => l.StartsWith("tfnotes", StringComparison.Ordinal)) is { } line
                ? line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]
                : lines.FirstOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal)) ?? "no message";
            failed.Add((index, process.ExitCode, cause));
        }
        var failures = failed.GroupBy(f => f.Cause).Select(g =>
            $"{(g.Count() == 1 ? "worker" : "workers")} {string.Join(", ", g.Select(f => f.Index))} failed " +
            $"(exit {string.Join(", ", g.Select(f => f.ExitCode).Distinct())}): {g.Key}").ToList();
        return (failures, failed.Count > 0 && failed.All(f => f.ExitCode == ExitCodes.BadInput));
    }

    /// <summary>Passes Ctrl-C on: each worker fails its running trial as interrupted and exits.</summary>
    public void Interrupt()
    {
        foreach (var (process, _) in workers)
        {
            if (process.HasExited) continue;
            if (OperatingSystem.IsWindows()) process.Kill(entireProcessTree: true);
            else _ = kill(process.Id, SigInt);
        }
    }

    const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    /// <summary>Stops workers still running (the coordinator failed).</summary>
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
