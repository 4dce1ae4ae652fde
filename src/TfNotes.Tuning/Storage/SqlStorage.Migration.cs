using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// Moves studies of TfNotes' earlier tables (<c>tuning_studies</c>, <c>tuning_trials</c>, …) into Optuna's, in the
/// transaction that opens the database, and drops the old tables: states, values, phases, failure reasons,
/// parameters (their scales too), intermediate values, pruner rungs (system attributes) and notes (user attributes).
/// </summary>
public abstract partial class SqlStorage
{
    private static readonly string[] OldStates = ["RUNNING", "COMPLETE", "PRUNED", "FAIL"];

    private void MigrateTuningTables(DbConnection c, DbTransaction tx)
    {
        var studies = new List<(long Id, string Name, int Direction)>();
        ForEachRow(c, tx, "SELECT id, name, direction FROM tuning_studies ORDER BY id",
            r => studies.Add((Convert.ToInt64(r.GetValue(0)), r.GetString(1), Convert.ToInt32(r.GetValue(2)))));
        var trialIds = new Dictionary<long, long>();
        foreach (var (oldStudy, name, direction) in studies)
        {
            if (Scalar(c, tx, "SELECT study_id FROM studies WHERE study_name = @name", ("name", name)) is not null)
                throw new StorageException($"storage {Description}: study '{name}' is in both TfNotes' old tables and Optuna's: rename one first");
            var study = Convert.ToInt64(Scalar(c, tx, "INSERT INTO studies (study_name) VALUES (@name) RETURNING study_id", ("name", name)));
            Execute(c, tx, $"INSERT INTO study_directions (direction, study_id, objective) VALUES " +
                           $"({Enum(direction == 1 ? "MAXIMIZE" : "MINIMIZE", "studydirection")}, @study, 0)", ("study", study));

            var trials = new List<(long Id, int Number, int State, double? Value, int Phase, long? Start, long? End, string? Reason)>();
            ForEachRow(c, tx,
                "SELECT id, number, state, value, phase, started_at, completed_at, failure_reason FROM tuning_trials WHERE study_id = @study ORDER BY number",
                r => trials.Add((Convert.ToInt64(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2)),
                    r.IsDBNull(3) ? null : r.GetDouble(3), Convert.ToInt32(r.GetValue(4)),
                    r.IsDBNull(5) ? null : Convert.ToInt64(r.GetValue(5)), r.IsDBNull(6) ? null : Convert.ToInt64(r.GetValue(6)),
                    r.IsDBNull(7) ? null : r.GetString(7))),
                ("study", oldStudy));
            foreach (var t in trials)
            {
                object? Time(long? ms) => ms is { } m ? DateTimeValue(DateTimeOffset.FromUnixTimeMilliseconds(m).LocalDateTime) : null;
                var state = OldStates[t.State];
                var id = Convert.ToInt64(Scalar(c, tx,
                    "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) " +
                    $"VALUES (@number, @study, {Enum(state, "trialstate")}, {(t.Start is null ? "NULL" : "@start")}, {(t.End is null ? "NULL" : "@end")}) RETURNING trial_id",
                    ("number", t.Number), ("study", study), ("start", Time(t.Start)), ("end", Time(t.End))));
                trialIds[t.Id] = id;
                if (t.Value is { } value)
                    Execute(c, tx, $"INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@trial, 0, @value, {Enum(ValueType(value, false), "trialvaluetype")})",
                        ("trial", id), ("value", double.IsFinite(value) ? value : null));
                if (t.Phase > 0) UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", id, FrozenTrial.PhaseKey, t.Phase);
                if (t.Reason is { } reason) UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", id, FrozenTrial.FailReasonKey, reason);
                // A trial left running keeps a heartbeat, so it goes stale (and fails) after the grace period as before.
                if (state == "RUNNING") Execute(c, tx, $"INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@trial, {Now})", ("trial", id));
            }
        }

        var parameters = new List<(long Trial, string Name, double Value, string Distribution)>();
        ForEachRow(c, tx, "SELECT trial_id, name, value, distribution FROM tuning_params",
            r => parameters.Add((Convert.ToInt64(r.GetValue(0)), r.GetString(1), r.GetDouble(2), r.GetString(3))));
        foreach (var (trial, name, value, json) in parameters)
        {
            var distribution = OldDistribution(json);
            var id = trialIds[trial];
            Execute(c, tx, "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@trial, @name, @value, @json)",
                ("trial", id), ("name", name), ("value", value), ("json", DistributionJson.Serialize(distribution)));
            if (distribution is NumericDistribution { Scale: ParameterScale.ReverseLog })
                UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", id, FrozenTrial.ScaleKeyPrefix + name, "reverse_log");
        }

        var intermediate = new List<(long Trial, int Step, double Value)>();
        ForEachRow(c, tx, "SELECT trial_id, step, value FROM tuning_intermediate_values",
            r => intermediate.Add((Convert.ToInt64(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)), r.IsDBNull(2) ? double.NaN : r.GetDouble(2))));
        foreach (var (trial, step, value) in intermediate)
            Execute(c, tx,
                "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) " +
                $"VALUES (@trial, @step, @value, {Enum(ValueType(value, true), "trialintermediatevaluetype")})",
                ("trial", trialIds[trial]), ("step", step), ("value", double.IsFinite(value) ? value : null));

        var attributes = new List<(long Trial, string Key, string Value)>();
        ForEachRow(c, tx, "SELECT trial_id, key, value FROM tuning_attributes",
            r => attributes.Add((Convert.ToInt64(r.GetValue(0)), r.GetString(1), r.GetString(2))));
        foreach (var (trial, key, text) in attributes)
        {
            // Pruner rungs are Optuna's system attributes; the rest were the user's notes. Numbers become numbers.
            object? value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
            var table = key.StartsWith("completed_rung_", StringComparison.Ordinal) ? "trial_system_attributes" : "trial_user_attributes";
            UpsertAttribute(c, tx, table, "trial_id", trialIds[trial], key, value);
        }

        foreach (var table in new[] { "tuning_attributes", "tuning_intermediate_values", "tuning_params", "tuning_trials", "tuning_studies" })
            Execute(c, tx, $"DROP TABLE {table}");
    }

    /// <summary>The earlier TfNotes distribution JSON: <c>{"type": "float"|"int"|"categorical", "low", "high", "scale", "choices"}</c>.</summary>
    private static Distribution OldDistribution(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var scale = root.TryGetProperty("scale", out var s) ? DistributionJson.ParseScale(s.GetString()) : ParameterScale.Linear;
        return root.GetProperty("type").GetString() switch
        {
            "float" => new FloatDistribution(root.GetProperty("low").GetDouble(), root.GetProperty("high").GetDouble(), scale),
            "int" => new IntDistribution(root.GetProperty("low").GetInt32(), root.GetProperty("high").GetInt32(), scale == ParameterScale.Log),
            "categorical" => DistributionJson.Deserialize(
                $"{{\"name\": \"CategoricalDistribution\", \"attributes\": {{\"choices\": {root.GetProperty("choices").GetRawText()}}}}}"),
            var type => throw new FormatException($"unknown distribution type '{type}' in {json}"),
        };
    }
}
