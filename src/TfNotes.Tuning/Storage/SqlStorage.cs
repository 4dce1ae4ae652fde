using System.Data;
using System.Data.Common;
using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// The SQL both databases share. Every operation opens a pooled connection, runs in one transaction and is
/// retried on transient errors (busy database, serialization failure). Timestamps are Unix milliseconds
/// taken from the database's clock, so heartbeats compare on one clock even across machines.
/// </summary>
public abstract class SqlStorage : IStorage
{
    private const int MaxAttempts = 30;

    /// <summary>SQL expression for "now" in Unix milliseconds.</summary>
    protected abstract string NowMillis { get; }

    /// <summary>Statements that create the tables if missing.</summary>
    protected abstract IEnumerable<string> SchemaStatements { get; }

    /// <summary>Locks the study row (@study) so trial numbers are given out one at a time, or null if the write transaction already does.</summary>
    protected virtual string? LockStudySql => null;

    protected abstract DbConnection OpenConnection();

    /// <summary>A transaction that holds the write lock from its first statement.</summary>
    protected abstract DbTransaction BeginWriteTransaction(DbConnection connection);

    /// <summary>A transaction that reads one consistent snapshot.</summary>
    protected abstract DbTransaction BeginReadTransaction(DbConnection connection);

    protected abstract bool IsTransient(Exception exception);

    public abstract void Dispose();

    /// <summary>Creates the tables; derived constructors call it once configured.</summary>
    protected virtual void CreateSchema() => Write((connection, transaction) =>
    {
        foreach (var statement in SchemaStatements) Execute(connection, transaction, statement);
        return 0;
    });

    public int CreateOrLoadStudy(string name, StudyDirection direction) => Write((c, tx) =>
    {
        using (var select = Command(c, tx, "SELECT id, direction FROM tuning_studies WHERE name = @name", ("name", name)))
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
            {
                var stored = (StudyDirection)Convert.ToInt32(reader.GetValue(1));
                if (stored != direction)
                    throw new InvalidOperationException($"study '{name}' exists with direction {stored}, not {direction}");
                return Convert.ToInt32(reader.GetValue(0));
            }
        }
        return Convert.ToInt32(Scalar(c, tx, "INSERT INTO tuning_studies (name, direction) VALUES (@name, @direction) RETURNING id",
            ("name", name), ("direction", (int)direction)));
    });

    public TrialSlot TryCreateTrial(int studyId, int maxFinishedTrials, int phase, TimeSpan staleAfter) => Write((c, tx) =>
    {
        if (LockStudySql is { } lockStudy) Execute(c, tx, lockStudy, ("study", studyId));
        FailStale(c, tx, studyId, staleAfter);
        long finished, running;
        using (var count = Command(c, tx,
                   "SELECT COUNT(CASE WHEN state IN (1, 2) THEN 1 END), COUNT(CASE WHEN state = 0 THEN 1 END) " +
                   "FROM tuning_trials WHERE study_id = @study", ("study", studyId)))
        using (var reader = count.ExecuteReader())
        {
            reader.Read();
            finished = Convert.ToInt64(reader.GetValue(0));
            running = Convert.ToInt64(reader.GetValue(1));
        }
        if (finished >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.BudgetReached);
        if (finished + running >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.Wait);

        // The number is computed inside the insert, under the write lock: no read-then-write race.
        using var insert = Command(c, tx,
            "INSERT INTO tuning_trials (study_id, number, state, phase, started_at, heartbeat_at) " +
            $"SELECT @study, COALESCE(MAX(number) + 1, 0), 0, @phase, {NowMillis}, {NowMillis} " +
            "FROM tuning_trials WHERE study_id = @study RETURNING id, number",
            ("study", studyId), ("phase", phase));
        using var inserted = insert.ExecuteReader();
        inserted.Read();
        return new TrialSlot(TrialSlotStatus.Created, Convert.ToInt64(inserted.GetValue(0)), Convert.ToInt32(inserted.GetValue(1)));
    });

    public int FailStaleTrials(int studyId, TimeSpan staleAfter) => Write((c, tx) => FailStale(c, tx, studyId, staleAfter));

    public void RecordHeartbeat(long trialId) => Write((c, tx) =>
        Execute(c, tx, $"UPDATE tuning_trials SET heartbeat_at = {NowMillis} WHERE id = @trial AND state = 0", ("trial", trialId)));

    public void SetParam(long trialId, string name, double internalValue, Distribution distribution) => Write((c, tx) =>
        Execute(c, tx,
            "INSERT INTO tuning_params (trial_id, name, value, distribution) VALUES (@trial, @name, @value, @distribution) " +
            "ON CONFLICT (trial_id, name) DO UPDATE SET value = excluded.value, distribution = excluded.distribution",
            ("trial", trialId), ("name", name), ("value", internalValue), ("distribution", DistributionJson.Serialize(distribution))));

    public void SetIntermediateValue(long trialId, int step, double value) => Write((c, tx) =>
        Execute(c, tx,
            "INSERT INTO tuning_intermediate_values (trial_id, step, value) VALUES (@trial, @step, @value) " +
            "ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value",
            // SQLite stores NaN as NULL; NULL reads back as NaN.
            ("trial", trialId), ("step", step), ("value", double.IsNaN(value) ? null : value)));

    public void SetAttribute(long trialId, string key, string value) => Write((c, tx) =>
        Execute(c, tx,
            "INSERT INTO tuning_attributes (trial_id, key, value) VALUES (@trial, @key, @value) " +
            "ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value",
            ("trial", trialId), ("key", key), ("value", value)));

    public bool FinishTrial(long trialId, TrialState state, double? value, string? failureReason) => Write((c, tx) =>
        Execute(c, tx,
            $"UPDATE tuning_trials SET state = @state, value = @value, failure_reason = @reason, completed_at = {NowMillis} " +
            "WHERE id = @trial AND state = 0",
            ("trial", trialId), ("state", (int)state), ("value", value), ("reason", failureReason)) == 1);

    public IReadOnlyList<FrozenTrial> GetTrials(int studyId) => Read((c, tx) => LoadTrials(c, tx, "t.study_id = @key", studyId));

    public FrozenTrial GetTrial(long trialId) =>
        Read((c, tx) => LoadTrials(c, tx, "t.id = @key", trialId)).SingleOrDefault()
        ?? throw new KeyNotFoundException($"no trial with id {trialId}");

    private int FailStale(DbConnection c, DbTransaction tx, int studyId, TimeSpan staleAfter) =>
        Execute(c, tx,
            $"UPDATE tuning_trials SET state = 3, failure_reason = @reason, completed_at = {NowMillis} " +
            $"WHERE study_id = @study AND state = 0 AND heartbeat_at < {NowMillis} - @stale",
            ("study", studyId), ("reason", StaleHeartbeat.Reason), ("stale", (long)staleAfter.TotalMilliseconds));

    private static List<FrozenTrial> LoadTrials(DbConnection c, DbTransaction tx, string filter, object key)
    {
        var parameters = new Dictionary<long, Dictionary<string, (double Value, Distribution Distribution)>>();
        var distributions = new Dictionary<string, Distribution>();
        ForEachRow(c, tx,
            $"SELECT p.trial_id, p.name, p.value, p.distribution FROM tuning_params p JOIN tuning_trials t ON t.id = p.trial_id WHERE {filter}",
            reader =>
            {
                var json = reader.GetString(3);
                if (!distributions.TryGetValue(json, out var distribution))
                    distributions[json] = distribution = DistributionJson.Deserialize(json);
                GetOrAdd(parameters, Convert.ToInt64(reader.GetValue(0)))[reader.GetString(1)] = (reader.GetDouble(2), distribution);
            }, ("key", key));

        var intermediate = new Dictionary<long, Dictionary<int, double>>();
        ForEachRow(c, tx,
            $"SELECT v.trial_id, v.step, v.value FROM tuning_intermediate_values v JOIN tuning_trials t ON t.id = v.trial_id WHERE {filter}",
            reader => GetOrAdd(intermediate, Convert.ToInt64(reader.GetValue(0)))[Convert.ToInt32(reader.GetValue(1))] =
                reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
            ("key", key));

        var attributes = new Dictionary<long, Dictionary<string, string>>();
        ForEachRow(c, tx,
            $"SELECT a.trial_id, a.key, a.value FROM tuning_attributes a JOIN tuning_trials t ON t.id = a.trial_id WHERE {filter}",
            reader => GetOrAdd(attributes, Convert.ToInt64(reader.GetValue(0)))[reader.GetString(1)] = reader.GetString(2),
            ("key", key));

        var trials = new List<FrozenTrial>();
        ForEachRow(c, tx,
            "SELECT t.id, t.number, t.state, t.value, t.phase, t.started_at, t.completed_at, t.failure_reason " +
            $"FROM tuning_trials t WHERE {filter} ORDER BY t.number",
            reader =>
            {
                var id = Convert.ToInt64(reader.GetValue(0));
                var trialParams = parameters.GetValueOrDefault(id) ?? new();
                trials.Add(new FrozenTrial
                {
                    Id = id,
                    Number = Convert.ToInt32(reader.GetValue(1)),
                    State = (TrialState)Convert.ToInt32(reader.GetValue(2)),
                    Value = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                    Phase = Convert.ToInt32(reader.GetValue(4)),
                    StartedAt = ReadTime(reader, 5),
                    CompletedAt = ReadTime(reader, 6),
                    FailureReason = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Params = trialParams.ToDictionary(p => p.Key, p => p.Value.Distribution.ToExternal(p.Value.Value)),
                    InternalParams = trialParams.ToDictionary(p => p.Key, p => p.Value.Value),
                    Distributions = trialParams.ToDictionary(p => p.Key, p => p.Value.Distribution),
                    IntermediateValues = intermediate.GetValueOrDefault(id) ?? new(),
                    Attributes = attributes.GetValueOrDefault(id) ?? new(),
                });
            }, ("key", key));
        return trials;
    }

    private static TValue GetOrAdd<TValue>(Dictionary<long, TValue> map, long key) where TValue : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new TValue();
        return value;
    }

    private static DateTimeOffset? ReadTime(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(column)));

    private T Write<T>(Func<DbConnection, DbTransaction, T> operation) => WithRetry(operation, BeginWriteTransaction);

    private T Read<T>(Func<DbConnection, DbTransaction, T> operation) => WithRetry(operation, BeginReadTransaction);

    private T WithRetry<T>(Func<DbConnection, DbTransaction, T> operation, Func<DbConnection, DbTransaction> begin)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = OpenConnection();
                using var transaction = begin(connection);
                var result = operation(connection, transaction);
                transaction.Commit();
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e))
            {
                // Jittered exponential backoff so competing workers stop colliding.
                var delay = Math.Min(1000, 10 * (1 << Math.Min(attempt, 7)));
                Thread.Sleep(Random.Shared.Next(delay / 2, delay + 1));
            }
        }
    }

    protected static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private static void ForEachRow(DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            // PostgreSQL needs a type for NULL: only values and failure reasons are ever null.
            if (value is null) parameter.DbType = name == "value" ? DbType.Double : DbType.String;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
