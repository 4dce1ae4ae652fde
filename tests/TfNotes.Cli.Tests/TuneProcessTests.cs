using System.Text.Json;
using TfNotes.Tuning;
using TfNotes.Tuning.Tests;

namespace TfNotes.Cli.Tests;

/// <summary><c>tfnotes tune</c> as users run it: real processes, a real database, SIGKILL.</summary>
public class TuneProcessTests
{
    [Fact]
    public async Task A_run_killed_mid_trial_resumes_to_exactly_N_finished_trials_and_fails_the_killed_one()
    {
        using var run = new TuneCli("kill");
        // Trials long enough that a poll every 50 ms sees one running before its first epoch ends (3,000 images once
        // let a fresh clone's run finish all four in 4 s before it could be killed).
        var arguments = run.Arguments(trainSubset: 10000, epochs: 2, "--trials", "4", "--heartbeat-grace", "3");
        using var first = TuneCli.Start(arguments);
        var (_, firstErrors) = TuneCli.ReadOutputs(first);

        // Kill while a trial has just started (no epoch reported yet) and at least one trial is already finished.
        FrozenTrial? victim = null;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (victim is null)
        {
            if (first.HasExited) Assert.Fail($"tfnotes tune ended before it could be killed: {await firstErrors}");
            Assert.True(DateTime.UtcNow < deadline, "no trial started within 120 s");
            var trials = TuneCli.Trials(run.SqliteStorage, run.Study);
            if (trials.Any(t => t.State.IsFinished()))
                victim = trials.FirstOrDefault(t => t.State == TrialState.Running && t.IntermediateValues.Count == 0);
            if (victim is null) await Task.Delay(50);
        }
        first.Kill(); // SIGKILL: no handler runs, the trial stays RUNNING with a heartbeat that goes stale
        await first.WaitForExitAsync();
        var finishedBeforeKill = TuneCli.Trials(run.SqliteStorage, run.Study).Where(t => t.State.IsFinished()).ToList();

        var (exitCode, _, errors) = await TuneCli.RunAsync(arguments);

        Assert.True(exitCode == 0, errors);
        var after = TuneCli.Trials(run.SqliteStorage, run.Study);
        Assert.Equal(4, after.Count(t => t.State.IsFinished()));
        Assert.Equal(Enumerable.Range(0, after.Count), after.Select(t => t.Number).Order());
        var killed = after.Single(t => t.Id == victim.Id);
        Assert.Equal(TrialState.Fail, killed.State);
        Assert.Contains("heartbeat", killed.FailureReason);
        foreach (var finished in finishedBeforeKill)
        {
            var kept = after.Single(t => t.Id == finished.Id);
            Assert.Equal((finished.Number, finished.State, finished.Value), (kept.Number, kept.State, kept.Value));
        }
    }

    [Fact]
    public async Task Worker_processes_on_one_SQLite_study_finish_exactly_N_trials()
    {
        using var run = new TuneCli("sqlite");
        await AssertWorkersFinish(run, run.SqliteStorage);
    }

    [PostgresFact]
    public async Task Worker_processes_on_one_PostgreSQL_study_finish_exactly_N_trials()
    {
        using var run = new TuneCli("postgres");
        await AssertWorkersFinish(run, PostgresTestDatabase.Require());
    }

    static async Task AssertWorkersFinish(TuneCli run, string storage)
    {
        // Trials long enough (about a second) that the workers, which start a second or two apart, overlap.
        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(trainSubset: 3000, epochs: 10,
            more: ["--trials", "6", "--workers", "2", "--storage", storage]), timeoutSeconds: 240);

        Assert.True(exitCode == 0, errors);
        var trials = TuneCli.Trials(storage, run.Study);
        Assert.Equal(6, trials.Count(t => t.State.IsFinished()));
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number).Order());
        var overlapping = trials.Any(a => trials.Any(b => a.Id != b.Id && a.StartedAt < b.StartedAt && b.StartedAt < a.CompletedAt));
        Assert.True(overlapping, "no two trials ran at the same time: the workers did not run in parallel");
    }

    [Fact]
    public async Task Json_run_reports_the_study_and_writes_valid_plots_and_exports()
    {
        using var run = new TuneCli("json");
        var (exitCode, output, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "3", "--pruner", "median", "--coarse-to-fine", "--json"]));

        Assert.True(exitCode == 0, errors);
        using var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        var result = json.RootElement;
        Assert.Equal(run.Study, result.GetProperty("study").GetString());
        Assert.Equal(3, result.GetProperty("trials_complete").GetInt32() + result.GetProperty("trials_pruned").GetInt32());
        Assert.Equal(0, result.GetProperty("trials_failed").GetInt32());
        Assert.InRange(result.GetProperty("best_value").GetDouble(), 0.0, 1.0);
        Assert.InRange(result.GetProperty("test_accuracy").GetDouble(), 0.0, 1.0);
        var parameters = result.GetProperty("best_params").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["batch_norm", "batch_size", "beta_1", "hidden_1", "hidden_2", "learning_rate"], parameters);
        foreach (var plot in new[] { "history.png", "parameters.png", "intermediate.png" })
            AssertValidPng(Path.Combine(run.Folder, plot));
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(run.Folder, "trials.csv")).Length);
        Assert.True(File.Exists(Path.Combine(run.Folder, "trials.json")));
    }

    static void AssertValidPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.True(width >= 400 && height >= 300, $"{path} is {width}×{height}");
        Assert.True(bytes.Length > 10_000, $"{path} has only {bytes.Length} bytes: nothing was drawn");
    }

    [Fact]
    public async Task Learning_rates_that_blow_up_fail_their_trials_with_the_reason_and_the_study_goes_on()
    {
        using var run = new TuneCli("nan");
        var (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "2", "--learning-rate", "2e38:3e38"]));

        // Every trial fails with the trainer's reason and does not count; the worker gives up after 25 in a row.
        Assert.Equal(1, exitCode);
        Assert.Contains("25 trials failed in a row", errors);
        var failed = TuneCli.Trials(run.SqliteStorage, run.Study);
        Assert.Equal(25, failed.Count);
        Assert.All(failed, t => Assert.Equal(TrialState.Fail, t.State));
        Assert.All(failed, t => Assert.Matches("loss is (NaN|infinite) at epoch 1", t.FailureReason));

        // The same study, run again with sane learning rates (a settings change it must be told of), goes on to its 2 finished trials.
        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "2", "--force-settings"]));
        Assert.True(exitCode == 0, errors);
        var trials = TuneCli.Trials(run.SqliteStorage, run.Study);
        Assert.Equal([25, 26], trials.Where(t => t.State.IsFinished()).Select(t => t.Number));
    }

    [Theory]
    [InlineData("--trials", "0", "--trials")]
    [InlineData("--workers", "two", "--workers")]
    [InlineData("--sampler", "bayes", "--sampler")]
    [InlineData("--pruner", "early", "--pruner")]
    [InlineData("--learning-rate", "0.1:0.01", "--learning-rate")]
    [InlineData("--hidden", "64", "--hidden")]
    [InlineData("--storage", "postgresql://localhost", "--storage")]
    public async Task Bad_arguments_give_one_line_naming_the_option_and_exit_2(string option, string value, string named)
    {
        var (exitCode, _, errors) = await TuneCli.RunAsync(["tune", "--study", "bad", option, value]);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line);
    }

    [Theory]
    [InlineData("--learning-rate", "0.0001:0.1")]
    [InlineData("--hidden", "16:512")]
    public async Task Help_shows_range_defaults_in_the_form_the_option_takes(string option, string shown)
    {
        var (exitCode, output, _) = await TuneCli.RunAsync(["tune", "--help"]);

        Assert.Equal(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith(option));
        Assert.EndsWith($"[default: {shown}]", line.TrimEnd());
    }
}
