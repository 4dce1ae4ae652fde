using System.Text.Json;
using TfNotes.Tuning;
using TfNotes.Tuning.Tests;

namespace TfNotes.Cli.Tests;

/// <summary>
/// Peer tests (b) and (c) of issue 17: <c>tfnotes tune</c> continues a study Debian's Optuna 3.1 wrote, and runs one
/// study at the same time as an Optuna process, on SQLite and on PostgreSQL.
/// </summary>
public class TuneOptunaPeerTests
{
    const string Script = "TfNotes.Cli.Tests/TuneOptuna/optuna_mlp.py";

    [OptunaFact]
    public Task Tune_continues_a_SQLite_study_Optuna_wrote() => AssertContinues(new TuneCli("peer-b"), sqlite: true);

    [OptunaFact(Postgres = true)]
    public Task Tune_continues_a_PostgreSQL_study_Optuna_wrote() => AssertContinues(new TuneCli("peer-b-pg"), sqlite: false);

    [OptunaFact]
    public Task Tune_and_Optuna_optimize_one_SQLite_study_at_once() => AssertShared(new TuneCli("peer-c"), sqlite: true);

    [OptunaFact(Postgres = true)]
    public Task Tune_and_Optuna_optimize_one_PostgreSQL_study_at_once() => AssertShared(new TuneCli("peer-c-pg"), sqlite: false);

    static (string TfNotes, string Optuna) Storages(TuneCli run, bool sqlite)
    {
        if (sqlite) return (run.SqliteStorage, "sqlite:///" + Path.Combine(run.Folder, "study.db"));
        var connection = PostgresTestDatabase.Require();
        return (connection, OptunaPeer.PostgresUrl(connection));
    }

    static JsonElement Summary(string output) => JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

    static async Task AssertContinues(TuneCli run, bool sqlite)
    {
        using var owned = run;
        var (tfnotes, optuna) = Storages(run, sqlite);
        // Optuna makes the file (its own DDL, on SQLite) or joins TfNotes' schema (on the shared PostgreSQL database).
        var (exitCode, output, errors) = OptunaPeer.Run([OptunaPeer.Script(Script), "write", optuna, run.Study, "6"]);
        Assert.True(exitCode == 0, errors);
        Assert.True(Summary(output).GetProperty("pruned").GetInt32() > 0, $"Optuna pruned no trial: {output}");
        var byOptuna = TuneCli.Trials(tfnotes, run.Study);
        Assert.Equal(6, byOptuna.Count);
        Assert.Equal(0.8, ((TfNotes.Tuning.Distributions.FloatDistribution)byOptuna[0].Distributions["beta_1"]).Low);

        (exitCode, _, errors) = await TuneCli.RunAsync(run.Arguments(more: ["--trials", "14", "--sampler", "tpe", "--storage", tfnotes]));

        Assert.True(exitCode == 0, errors);
        var trials = TuneCli.Trials(tfnotes, run.Study);
        Assert.Equal(14, trials.Count(t => t.State.IsFinished()));
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        Assert.Equal(byOptuna.Select(t => (t.Number, t.State, t.Value)), trials.Take(6).Select(t => (t.Number, t.State, t.Value)));
        Assert.All(trials.Skip(6), t => Assert.Equal(["batch_norm", "batch_size", "beta_1", "hidden_1", "hidden_2", "learning_rate"], t.Params.Keys.Order()));
        (exitCode, output, errors) = OptunaPeer.Run([OptunaPeer.Script(Script), "check", optuna, run.Study, "14"]);
        Assert.True(exitCode == 0, $"Optuna cannot read the continued study: {errors}");
    }

    static async Task AssertShared(TuneCli run, bool sqlite)
    {
        using var owned = run;
        var (tfnotes, optuna) = Storages(run, sqlite);
        TuneCli.Trials(tfnotes, run.Study); // the study exists before either starts
        var (peer, ready, _, peerErrors) = OptunaPeer.Start([OptunaPeer.Script(Script), "worker", optuna, run.Study, "10"]);
        using (peer)
        {
            // Start TfNotes once Optuna is ready, so both work at once; TfNotes' trials take a second or two.
            Assert.Equal("ready", await ready.WaitAsync(TimeSpan.FromSeconds(60)));
            var (exitCode, _, errors) = await TuneCli.RunAsync(
                run.Arguments(trainSubset: 2000, epochs: 2, more: ["--trials", "10", "--storage", tfnotes]), timeoutSeconds: 240);
            Assert.True(peer.WaitForExit(120_000), "the Optuna worker did not finish");

            Assert.True(exitCode == 0, errors);
            Assert.True(peer.ExitCode == 0, await peerErrors);
        }
        var trials = TuneCli.Trials(tfnotes, run.Study);
        Assert.Equal(10, trials.Count(t => t.State.IsFinished()));
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number).Order());
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        var optunas = trials.Where(t => t.State.IsFinished() && t.UserAttributes.GetValueOrDefault("worker") is "optuna").ToList();
        Assert.NotEmpty(optunas);
        Assert.True(optunas.Count < 10, "TfNotes ran no trial");
        Assert.True(trials.Any(a => trials.Any(b => a.Id != b.Id && a.StartedAt < b.StartedAt && b.StartedAt < a.CompletedAt)),
            "no two trials ran at the same time");
    }
}
