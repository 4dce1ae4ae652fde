using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TfNotes.Tuning;

namespace TfNotes.Cli.Tests;

/// <summary>Issue 15's faults of <c>tfnotes tune</c>, as a user meets them: real processes, one line, the right exit code.</summary>
public class TuneReliabilityTests
{
    static string[] Lines(string errors) => errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task A_study_is_refused_with_other_settings_listing_them_unless_forced()
    {
        using var run = new TuneCli("settings");
        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "1"]));
        Assert.True(exitCode == 0, errors);

        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(epochs: 2, more: ["--trials", "2", "--sampler", "tpe"]));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.Contains($"study '{run.Study}' was created with other settings: --epochs 1 (this run: 2); --sampler random (this run: tpe)", line);
        Assert.Contains("--force-settings", line);
        Assert.Single(TuneCli.Trials(run.SqliteStorage, run.Study)); // nothing ran

        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(epochs: 2, more: ["--trials", "2", "--sampler", "tpe", "--force-settings"]));
        Assert.True(exitCode == 0, errors);
        Assert.Equal(2, TuneCli.Trials(run.SqliteStorage, run.Study).Count(t => t.State.IsFinished()));
        // The new settings are the study's now: the same command needs no flag.
        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(epochs: 2, more: ["--trials", "2", "--sampler", "tpe"]));
        Assert.True(exitCode == 0, errors);
    }

    [Theory]
    [InlineData("postgresq://tuner:secret@db.example/studies")]
    [InlineData("ftp://x")]
    public async Task An_unknown_storage_scheme_is_one_line_naming_the_accepted_ones(string url)
    {
        using var run = new TuneCli("scheme");
        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--storage", url]));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.Contains("unknown storage scheme", line);
        Assert.Contains("sqlite:PATH", line);
        Assert.Contains("postgresql://USER@HOST:PORT/DB", line);
        Assert.DoesNotContain("secret", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(run.Folder));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_one_line_naming_it()
    {
        using var run = new TuneCli("notadb");
        var path = Path.Combine(run.Folder, "study.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--storage", "sqlite:" + path]));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.Contains($"{path} is not a SQLite database", line);
    }

    [Fact]
    public async Task A_database_server_that_never_answers_fails_in_bounded_time_naming_host_and_port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var open = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true) open.Add(await listener.AcceptTcpClientAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        using var run = new TuneCli("silent");
        var clock = Stopwatch.StartNew();

        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more:
            ["--storage", $"postgresql://tuner:secret@127.0.0.1:{port}/studies?connect_timeout=1&retry_budget=3"]), timeoutSeconds: 90);

        Assert.InRange(clock.Elapsed.TotalSeconds, 2, 90);
        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("did not answer", line);
        Assert.DoesNotContain("secret", line);
        listener.Stop();
        open.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Workers_are_capped_at_the_trials_still_needed_and_at_the_cores_and_absurd_counts_refused()
    {
        var (exitCode, _, errors) = await TuneCli.RunAsync(["tune", "--study", "many", "--workers", "1000"]);
        Assert.Equal(2, exitCode);
        Assert.Contains("--workers must be at most 64 (got 1000)", Assert.Single(Lines(errors)));

        using var run = new TuneCli("cap");
        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "1", "--workers", "8"]));

        Assert.True(exitCode == 0, errors);
        Assert.Contains($"--workers 8 capped at 1: {Environment.ProcessorCount} cores, 1 trial(s) still needed", errors);
        Assert.Single(TuneCli.Trials(run.SqliteStorage, run.Study));
    }

    [Fact]
    public async Task Bad_data_read_by_workers_reaches_the_coordinator_as_one_line_with_the_cause()
    {
        using var run = new TuneCli("baddata");
        var data = Directory.CreateDirectory(Path.Combine(run.Folder, "data")).FullName;
        foreach (var file in Directory.GetFiles(TrainCli.DataDir)) File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        var images = Path.Combine(data, "train-images-idx3-ubyte.gz");
        var bytes = await File.ReadAllBytesAsync(images);
        await File.WriteAllBytesAsync(images, bytes[..(bytes.Length / 2)]); // truncated .gz

        var arguments = run.Arguments(more: ["--trials", "2", "--workers", "2", "--data-dir", data]);
        var (exitCode, _, errors) = await TuneCli.RunAsync(arguments);

        Assert.Equal(2, exitCode);
        var lines = Lines(errors);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        var cause = Assert.Single(lines, l => l.Contains("failed (exit 2)"));
        Assert.Matches("^tfnotes tune: workers? [0-9, ]+ failed \\(exit 2\\): ", cause);
        Assert.DoesNotContain("Unhandled exception", errors);
    }

    [Fact]
    public async Task Ctrl_C_with_two_workers_fails_the_running_trials_as_interrupted_writes_the_exports_and_exits_130_then_resumes()
    {
        using var run = new TuneCli("sigint");
        var arguments = run.Arguments(trainSubset: 3000, epochs: 10, more: ["--trials", "6", "--workers", "2"]);
        using var first = TuneCli.Start(arguments);
        var (_, firstErrors) = TuneCli.ReadOutputs(first);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!TuneCli.Trials(run.SqliteStorage, run.Study).Any(t => t.State == TrialState.Running && t.IntermediateValues.Count > 0))
        {
            if (first.HasExited) Assert.Fail($"tfnotes tune ended before it could be interrupted: {await firstErrors}");
            Assert.True(DateTime.UtcNow < deadline, "no trial reported an epoch within 120 s");
            await Task.Delay(100);
        }

        TrainCli.Interrupt(first); // SIGINT to the coordinator only: it passes it on to its workers
        Assert.True(first.WaitForExit(60_000), "tfnotes tune did not stop within 60 s of SIGINT");

        Assert.Equal(130, first.ExitCode);
        var errors = await firstErrors;
        var trials = TuneCli.Trials(run.SqliteStorage, run.Study);
        Assert.Contains($"interrupted: {trials.Count(t => t.State.IsFinished())} finished; run the same command to resume", errors);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Contains(trials, t => t.State == TrialState.Fail && t.FailureReason == Study.Interrupted);
        Assert.True(File.Exists(Path.Combine(run.Folder, "trials.csv")));

        var (exitCode, _, resumeErrors) = await TuneCli.RunAsync(arguments);
        Assert.True(exitCode == 0, resumeErrors);
        var after = TuneCli.Trials(run.SqliteStorage, run.Study);
        Assert.Equal(6, after.Count(t => t.State.IsFinished()));
        Assert.Equal(Enumerable.Range(0, after.Count), after.Select(t => t.Number).Order());
    }
}
