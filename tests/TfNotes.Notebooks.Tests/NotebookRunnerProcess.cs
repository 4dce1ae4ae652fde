using System.Diagnostics;
using System.Reflection;
using System.Text;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // kernels and notebooks that train: one at a time on 2 cores

namespace TfNotes.Notebooks.Tests;

/// <summary>The result of one <c>notebook-runner run</c> process.</summary>
public sealed record RunnerResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>What to show when a test fails: the runner's verdict, then the end of its log.</summary>
    public string Describe(string notebook)
    {
        var verdict = TimedOut
            ? $"{notebook}: the runner process was killed after {Elapsed.TotalSeconds:0} s without finishing"
            : StandardError.Trim().Length > 0 ? StandardError.Trim() : $"{notebook}: the runner exited with code {ExitCode}";
        var tail = string.Join('\n', StandardOutput.TrimEnd().Split('\n').TakeLast(40));
        return $"{verdict}\n--- last lines of the runner's output ---\n{tail}";
    }
}

/// <summary>Finds the built in-process runner and runs one notebook with it in its own process.</summary>
public static class NotebookRunnerProcess
{
    /// <summary>Per-notebook budget given to the runner; the test kills the process a little after it.</summary>
    public static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(5);

    public static string RunnerDll { get; } = FindRunner();

    public static async Task<RunnerResult> RunAsync(string notebookPath, TimeSpan timeout, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(notebookPath)!,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(RunnerDll);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(notebookPath);
        start.ArgumentList.Add("--timeout");
        start.ArgumentList.Add(((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // The runner enforces the timeout itself (exit code 3 naming the cell); this is the backstop for a hung process.
        using var kill = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(30));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(kill.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it ended meanwhile
            }

            await process.WaitForExitAsync();
        }

        process.WaitForExit(); // flushes the redirected streams
        lock (stdout)
        lock (stderr)
        {
            return new RunnerResult(timedOut ? -1 : process.ExitCode, stdout.ToString(), stderr.ToString(), timedOut, watch.Elapsed);
        }
    }

    /// <summary>The dotnet host running these tests (set by the dotnet CLI), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string Metadata(string key) =>
        typeof(NotebookRunnerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value ?? "";

    private static string FindRunner()
    {
        var fromBuild = Metadata("NotebookRunner");
        if (File.Exists(fromBuild))
        {
            return fromBuild;
        }

        // Same project built in another configuration: take the most recent build.
        var bin = Repository.Path("tests", "TfNotes.Notebooks", "bin");
        var candidate = Directory.Exists(bin)
            ? new DirectoryInfo(bin).EnumerateFiles("notebook-runner.dll", SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f.FullName, ".runtimeconfig.json")))
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return candidate?.FullName
               ?? throw new FileNotFoundException(
                   $"notebook-runner.dll is not built (looked for {fromBuild} and under {bin}); run `dotnet build tests/TfNotes.Notebooks`");
    }
}
