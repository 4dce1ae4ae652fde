using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using TfNotes.TestSupport;
using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

/// <summary>Peer test (a) of issue 17: Debian's Optuna 3.1 reads TfNotes' studies as its own.</summary>
public class OptunaPeerTests
{
    [OptunaFact]
    public void Optuna_reads_a_SQLite_study_with_pruned_failed_and_reverse_log_trials_as_TfNotes_does()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        AssertOptunaReads(storage, "sqlite:///" + file.Path, Path.GetDirectoryName(file.Path)!, "peer-sqlite");
    }

    [OptunaFact(Postgres = true)]
    public void Optuna_reads_a_PostgreSQL_study_with_pruned_failed_and_reverse_log_trials_as_TfNotes_does()
    {
        var connection = PostgresTestDatabase.Require();
        using var storage = new PostgresStorage(connection);
        var folder = Scratch.Folder("tfnotes-peer-").FullName;
        try
        {
            AssertOptunaReads(storage, OptunaPeer.PostgresUrl(connection), folder, $"peer-pg-{Guid.NewGuid():N}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static void AssertOptunaReads(SqlStorage storage, string optunaUrl, string folder, string name)
    {
        var study = WriteStudy(storage, name);
        var trials = study.Trials;
        Assert.Contains(trials, t => t.State == TrialState.Pruned);
        Assert.Contains(trials, t => t.State == TrialState.Fail);
        Assert.Contains(trials, t => t.IntermediateValues.Values.Any(double.IsNaN));
        var expected = Path.Combine(folder, "expected.json");
        File.WriteAllText(expected, Expected(study).ToJsonString());
        var csv = Path.Combine(folder, "trials.csv");
        study.ExportCsv(csv);
        var revision = storage.SchemaRevision;

        var (exitCode, output, errors) = OptunaPeer.Run([OptunaPeer.Script("TfNotes.Tuning.Tests/Optuna/load_study.py"), optunaUrl, name, expected, csv, folder]);

        Assert.True(exitCode == 0, $"optuna.load_study failed:\n{errors}\n{output}");
        Assert.StartsWith("ok", output);
        foreach (var plot in new[] { "history", "intermediate", "importances", "slice" })
            Assert.True(new FileInfo(Path.Combine(folder, plot + ".png")).Length > 5_000, $"{plot}.png was not drawn");
        // Optuna found everything it needs: it wrote nothing, and TfNotes reads the study as before.
        Assert.Equal(revision, storage.SchemaRevision);
        var again = Study.CreateOrLoad(name, storage, StudyDirection.Minimize).Trials;
        Assert.Equal(trials.Select(t => (t.Number, t.State, t.Value)), again.Select(t => (t.Number, t.State, t.Value)));
    }

    /// <summary>A small study with every kind of parameter, pruned trials (one reported NaN), a failed one and notes.</summary>
    static Study WriteStudy(IStorage storage, string name)
    {
        var study = Study.CreateOrLoad(name, storage, StudyDirection.Minimize,
            new TpeSampler(seed: 3, nStartupTrials: 4), new MedianPruner(nStartupTrials: 2, nWarmupSteps: 1));
        study.Optimize(t =>
        {
            var lr = t.SuggestFloat("lr", 1e-4, 1e-1, log: true);
            var beta = t.SuggestReverseLog("beta", 0.9, 0.9999);
            var units = t.SuggestInt("units", 8, 256, log: true);
            var act = t.SuggestCategorical("act", ["relu", "tanh", "gelu"]);
            if (t.Number == 3) throw new InvalidOperationException("diverged");
            var loss = 0.0;
            for (var step = 0; step < 4; step++)
            {
                loss = Math.Pow(Math.Log10(lr) + 2.5, 2) + 10 * Math.Pow(Math.Log10(1 - beta) + 2, 2) / (step + 1)
                       + (act == "relu" ? 0 : 0.3) + 0.1 * Math.Abs(Math.Log2(units) - 6);
                t.Report(t.Number == 5 && step == 1 ? double.NaN : loss, step);
                if (t.ShouldPrune()) throw new TrialPruned();
            }
            t.SetUserAttribute("note", $"units {units}");
            return loss;
        }, nTrials: 14);
        return study;
    }

    static JsonObject Expected(Study study) => new()
    {
        ["direction"] = study.Direction.ToString().ToUpperInvariant(),
        ["best_trial"] = study.BestTrial!.Number,
        ["trials"] = new JsonArray(study.Trials.Select(t => (JsonNode)new JsonObject
        {
            ["number"] = t.Number,
            ["state"] = t.State.ToString().ToUpperInvariant(),
            ["value"] = t.Value,
            ["params"] = new JsonObject(t.Params.Select(p => KeyValuePair.Create(p.Key, JsonSerializer.SerializeToNode(p.Value)))),
            ["distributions"] = new JsonObject(t.Distributions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value.GetType().Name))),
            ["intermediate_values"] = new JsonObject(t.IntermediateValues.Select(v =>
                KeyValuePair.Create(v.Key.ToString(CultureInfo.InvariantCulture), double.IsNaN(v.Value) ? null : (JsonNode)v.Value))),
            ["datetime_start"] = t.StartedAt!.Value.DateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            ["fail_reason"] = t.FailureReason,
            ["user_attrs"] = new JsonObject(t.UserAttributes.Select(a => KeyValuePair.Create(a.Key, JsonSerializer.SerializeToNode(a.Value)))),
        }).ToArray()),
    };
}
