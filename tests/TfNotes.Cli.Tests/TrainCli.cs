using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TfNotes.Cli.Tests;

/// <summary>
/// Runs <c>tfnotes train</c>/<c>evaluate</c> as a real process (the TfNotes.Cli the project reference copies beside
/// this assembly, as <c>dotnet TfNotes.Cli.dll</c>), on the repository's Fashion-MNIST.
/// </summary>
internal static class TrainCli
{
    public static string DataDir => Repository.Path("data", "fashion-mnist");

    /// <summary>
    /// Starts <c>dotnet TfNotes.Cli.dll ARGUMENTS</c> with SIGINT at its default disposition (<c>env
    /// --default-signal=INT</c>): a test run started as a background job of a script (<c>… &amp;</c>) inherits SIGINT
    /// ignored, as POSIX shells start such jobs, and a .NET process then gets no Ctrl-C at all.
    /// </summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TfNotes.Cli.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end (at most 2 minutes); returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        return await WaitAsync(process);
    }

    /// <summary>Waits for <paramref name="process"/> (killing it after <paramref name="timeoutSeconds"/>); returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> WaitAsync(Process process, int timeoutSeconds = 120)
    {
        // Both pipes are read from the start, so that neither fills up and stalls the process.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tfnotes ran longer than {timeoutSeconds} s:\n{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Waits (at most a minute) until <paramref name="process"/> has recorded its first epoch in <paramref name="runFolder"/>.</summary>
    public static async Task WaitForFirstEpochAsync(Process process, string runFolder)
    {
        var metrics = Path.Combine(runFolder, "metrics.json");
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(metrics) && File.ReadAllText(metrics).Contains("\"epoch\": 1,")))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited, "the run never finished an epoch");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public static void Interrupt(Process process) =>
        Assert.True(kill(process.Id, 2) == 0, $"kill({process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}, exited: {process.HasExited}");

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    /// <summary>The width and height in a PNG's IHDR chunk, after checking the PNG signature.</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
