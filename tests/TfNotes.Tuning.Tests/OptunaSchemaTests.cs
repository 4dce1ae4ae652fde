using Microsoft.Data.Sqlite;
using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

/// <summary>The study format is Optuna's RDB schema: tables, revisions, enums, and the migration from TfNotes' old tables.</summary>
public class OptunaSchemaTests
{
    static List<object?[]> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    static void Execute(string path, string sql) => Rows(path, sql);

    [Fact]
    public void A_new_file_has_Optunas_tables_at_v3_0_0_d_with_enums_by_name_and_values_typed()
    {
        using var file = new TempSqliteFile();
        using (var storage = file.Open())
        {
            Assert.Equal("v3.0.0.d", storage.SchemaRevision);
            var study = Study.CreateOrLoad("schema", storage, StudyDirection.Maximize);
            study.Optimize(t =>
            {
                t.SuggestFloat("x", 0, 1);
                t.Report(double.NaN, 0);
                t.Report(double.PositiveInfinity, 1);
                t.Report(0.5, 2);
                return double.PositiveInfinity;
            }, 1);
        }

        string[] optuna = ["alembic_version", "studies", "study_directions", "study_system_attributes", "study_user_attributes", "trial_heartbeats",
            "trial_intermediate_values", "trial_params", "trial_system_attributes", "trial_user_attributes", "trial_values", "trials", "version_info"];
        Assert.Equal(optuna, Rows(file.Path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => (string)r[0]!));
        Assert.Equal("v3.0.0.d", Rows(file.Path, "SELECT version_num FROM alembic_version").Single()[0]);
        Assert.Equal([1L, 12L, "3.1.0"], Rows(file.Path, "SELECT * FROM version_info").Single());
        Assert.Equal("MAXIMIZE", Rows(file.Path, "SELECT direction FROM study_directions").Single()[0]);
        Assert.Equal([0L, "COMPLETE"], Rows(file.Path, "SELECT number, state FROM trials").Single());
        Assert.Equal([null, "INF_POS"], Rows(file.Path, "SELECT value, value_type FROM trial_values").Single());
        Assert.Equal([[0L, null, "NAN"], [1L, null, "INF_POS"], [2L, 0.5, "FINITE"]],
            Rows(file.Path, "SELECT step, intermediate_value, intermediate_value_type FROM trial_intermediate_values ORDER BY step"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", (string)Rows(file.Path, "SELECT datetime_start FROM trials").Single()[0]!);
        Assert.Single(Rows(file.Path, "SELECT heartbeat FROM trial_heartbeats"));

        using var reopened = file.Open();
        var trial = Study.CreateOrLoad("schema", reopened, StudyDirection.Maximize).Trials.Single();
        Assert.Equal(double.PositiveInfinity, trial.Value);
        Assert.True(double.IsNaN(trial.IntermediateValues[0]));
        Assert.Equal(double.PositiveInfinity, trial.IntermediateValues[1]);
    }

    [Fact]
    public void A_v3_2_0_a_database_gets_its_index_and_is_opened_at_the_revision_it_has()
    {
        using var file = new TempSqliteFile();
        using (var storage = new SqliteStorage(file.Path, schemaRevision: OptunaSchema.Revision320a)) Assert.Equal("v3.2.0.a", storage.SchemaRevision);
        Assert.Single(Rows(file.Path, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'trials_study_id_key'"));

        using var reopened = file.Open();
        Assert.Equal("v3.2.0.a", reopened.SchemaRevision);
        Assert.Equal("v3.2.0.a", Rows(file.Path, "SELECT version_num FROM alembic_version").Single()[0]);
    }

    [Theory]
    [InlineData("v2.6.0.a", "optuna storage upgrade")]
    [InlineData("v9.9.9.z", "which TfNotes does not know")]
    public void A_revision_TfNotes_does_not_read_is_refused_saying_what_to_do(string revision, string advice)
    {
        using var file = new TempSqliteFile();
        file.Open().Dispose();
        SqliteConnection.ClearAllPools();
        Execute(file.Path, $"UPDATE alembic_version SET version_num = '{revision}'");

        var error = Assert.Throws<StorageException>(() => file.Open());

        Assert.Contains(file.Path, error.Message);
        Assert.Contains(revision, error.Message);
        Assert.Contains(advice, error.Message);
    }

    [Fact]
    public void Studies_with_several_objectives_or_enqueued_trials_are_refused_with_the_reason()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        Study.CreateOrLoad("multi", storage);
        Study.CreateOrLoad("waiting", storage);
        SqliteConnection.ClearAllPools();
        Execute(file.Path, "INSERT INTO study_directions (direction, study_id, objective) SELECT 'MAXIMIZE', study_id, 1 FROM studies WHERE study_name = 'multi'");
        Execute(file.Path, "INSERT INTO trials (number, study_id, state) SELECT 0, study_id, 'WAITING' FROM studies WHERE study_name = 'waiting'");

        Assert.Contains("has 2 objectives (MINIMIZE, MAXIMIZE)", Assert.Throws<InvalidOperationException>(() => Study.CreateOrLoad("multi", storage)).Message);
        Assert.Contains("1 WAITING trial(s), enqueued with Optuna's enqueue_trial", Assert.Throws<InvalidOperationException>(() => Study.CreateOrLoad("waiting", storage)).Message);
    }

    [Fact]
    public void Studies_in_the_old_tuning_tables_are_migrated_on_first_open_with_nothing_lost()
    {
        using var file = new TempSqliteFile();
        // TfNotes' tables before the Optuna schema, with one study of every kind of row.
        foreach (var sql in new[]
        {
            "CREATE TABLE tuning_studies (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, direction INTEGER NOT NULL)",
            "CREATE TABLE tuning_trials (id INTEGER PRIMARY KEY AUTOINCREMENT, study_id INTEGER NOT NULL, number INTEGER NOT NULL, state INTEGER NOT NULL, " +
            "value REAL, phase INTEGER NOT NULL DEFAULT 0, started_at INTEGER, completed_at INTEGER, heartbeat_at INTEGER, failure_reason TEXT)",
            "CREATE TABLE tuning_params (trial_id INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL, distribution TEXT NOT NULL)",
            "CREATE TABLE tuning_intermediate_values (trial_id INTEGER NOT NULL, step INTEGER NOT NULL, value REAL)",
            "CREATE TABLE tuning_attributes (trial_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL)",
            "INSERT INTO tuning_studies VALUES (7, 'old', 1)",
            "INSERT INTO tuning_trials VALUES (10, 7, 0, 1, 0.85, 0, 1700000000000, 1700000003500, 1700000003000, NULL)",
            "INSERT INTO tuning_trials VALUES (11, 7, 1, 2, 0.5, 1, 1700000004000, 1700000005000, 1700000005000, NULL)",
            "INSERT INTO tuning_trials VALUES (12, 7, 2, 3, NULL, 1, 1700000006000, 1700000007000, 1700000007000, 'heartbeat stale: worker died')",
            "INSERT INTO tuning_params VALUES (10, 'beta_1', 0.99, '{\"type\":\"float\",\"low\":0.8,\"high\":0.999,\"scale\":\"reverse_log\"}')",
            "INSERT INTO tuning_params VALUES (10, 'units', 64, '{\"type\":\"int\",\"low\":16,\"high\":512,\"scale\":\"log\"}')",
            "INSERT INTO tuning_params VALUES (10, 'bn', 1, '{\"type\":\"categorical\",\"choices\":[false,true]}')",
            "INSERT INTO tuning_intermediate_values VALUES (10, 0, 0.8)",
            "INSERT INTO tuning_intermediate_values VALUES (10, 1, 0.85)",
            "INSERT INTO tuning_intermediate_values VALUES (11, 0, NULL)",
            "INSERT INTO tuning_attributes VALUES (10, 'test_accuracy', '0.8412')",
            "INSERT INTO tuning_attributes VALUES (11, 'completed_rung_0', '0.5')",
        }) Execute(file.Path, sql);

        using var storage = file.Open();
        var trials = Study.CreateOrLoad("old", storage, StudyDirection.Maximize).Trials;

        Assert.Equal([(0, TrialState.Complete, (double?)0.85, 0), (1, TrialState.Pruned, 0.5, 1), (2, TrialState.Fail, null, 1)],
            trials.Select(t => (t.Number, t.State, t.Value, t.Phase)));
        var first = trials[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), first.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(3.5), first.Duration);
        Assert.Equal(0.99, first.Params["beta_1"]);
        Assert.Equal(ParameterScale.ReverseLog, ((FloatDistribution)first.Distributions["beta_1"]).Scale);
        Assert.Equal(64, first.Params["units"]);
        Assert.Equal(true, first.Params["bn"]);
        Assert.Equal([0.8, 0.85], first.IntermediateValues.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Equal(0.8412, first.UserAttributes["test_accuracy"]);
        Assert.True(double.IsNaN(trials[1].IntermediateValues[0]));
        Assert.Equal(0.5, trials[1].SystemAttributes["completed_rung_0"]);
        Assert.Equal("heartbeat stale: worker died", trials[2].FailureReason);
        Assert.Empty(Rows(file.Path, "SELECT name FROM sqlite_master WHERE name LIKE 'tuning_%'"));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_with_what_to_do()
    {
        using var file = new TempSqliteFile();
        File.WriteAllText(file.Path, "these are not the bytes of a SQLite database, but they are long enough to look like a header");

        var error = Assert.Throws<StorageException>(() => file.Open());

        Assert.Contains(file.Path, error.Message);
        Assert.Contains("is not a SQLite database", error.Message);
        Assert.Contains("give --storage another file", error.Message);
    }

    [Fact]
    public void Study_system_attributes_persist()
    {
        using var file = new TempSqliteFile();
        using (var storage = file.Open())
            Study.CreateOrLoad("attrs", storage).SetSystemAttribute("tfnotes:settings", "{\"--epochs\":\"3\"}");
        using var reopened = file.Open();
        Assert.Equal("{\"--epochs\":\"3\"}", Study.CreateOrLoad("attrs", reopened).SystemAttributes["tfnotes:settings"]);
    }
}
