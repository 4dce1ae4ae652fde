using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// The SQL both databases share, on Optuna's schema (<see cref="OptunaSchema"/>), so Optuna and TfNotes read and write
/// the same studies at once. Every operation opens a pooled connection, runs in one transaction and is retried on
/// transient errors (busy database, serialization failure, lost connection) within a total retry budget; then it fails
/// with a <see cref="StorageException"/> naming the storage. Trial numbers are given out as Optuna does (the count of
/// the study's earlier trials) under a lock on the study; heartbeats are the database's clock.
/// </summary>
public abstract partial class SqlStorage : IStorage
{
    private readonly TimeSpan _retryBudget;

    /// <summary>A storage that retries transient failures for <paramref name="retryBudget"/> in all.</summary>
    protected SqlStorage(TimeSpan retryBudget) => _retryBudget = retryBudget;

    /// <summary>The storage as errors name it: the SQLite file, or <c>postgresql://user@host:port/db</c> (never a password).</summary>
    public abstract string Description { get; }

    /// <summary>The Optuna schema revision of the database (one of <see cref="OptunaSchema.KnownRevisions"/>).</summary>
    public string SchemaRevision { get; private set; } = "";

    /// <summary>How long transient failures are retried in all before an operation gives up.</summary>
    public TimeSpan RetryBudget => _retryBudget;

    /// <summary>Whether the database is PostgreSQL (else SQLite).</summary>
    protected bool IsPostgres => this is PostgresStorage;

    /// <summary>SQL for the database clock's local time (heartbeats), as Optuna's <c>func.now()</c> stores it.</summary>
    protected abstract string Now { get; }

    /// <summary>SQL for the seconds from a datetime column to <see cref="Now"/>.</summary>
    protected abstract string SecondsSince(string column);

    /// <summary>SQL listing the tables of the database (one name per row).</summary>
    protected abstract string ListTablesSql { get; }

    /// <summary>Locks the study row (@study) so trial numbers are given out one at a time, or null if the write transaction already does.</summary>
    protected virtual string? LockStudySql => null;

    /// <summary>Serializes schema creation across processes, or null if the write transaction already does.</summary>
    protected virtual string? SchemaLockSql => null;

    /// <summary>An enum value as SQL (PostgreSQL casts to the enum type).</summary>
    protected virtual string Enum(string value, string type) => $"'{value}'";

    /// <summary>A local naive datetime as the driver stores the DateTime column.</summary>
    protected abstract object DateTimeValue(DateTime local);

    /// <summary>An open connection to the database.</summary>
    protected abstract DbConnection OpenConnection();

    /// <summary>A transaction that holds the write lock from its first statement.</summary>
    protected abstract DbTransaction BeginWriteTransaction(DbConnection connection);

    /// <summary>A transaction that reads one consistent snapshot.</summary>
    protected abstract DbTransaction BeginReadTransaction(DbConnection connection);

    /// <summary>Whether a driver error is worth retrying (a lock held elsewhere, a serialization failure, a lost
    /// connection).</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>A driver error as one line naming the storage and what to do.</summary>
    protected virtual string Explain(Exception exception) => exception.Message;

    /// <summary>Releases the storage's connections.</summary>
    public abstract void Dispose();

    /// <summary>
    /// Opens the schema (derived constructors call it once configured): creates Optuna's tables at
    /// <paramref name="newRevision"/> in an empty database, refuses a revision TfNotes does not read, and migrates
    /// studies of TfNotes' earlier <c>tuning_*</c> tables.
    /// </summary>
    protected void OpenSchema(string newRevision)
    {
        if (!OptunaSchema.KnownRevisions.Contains(newRevision))
            throw new ArgumentException($"unknown Optuna schema revision '{newRevision}': use {string.Join(" or ", OptunaSchema.KnownRevisions)}");
        SchemaRevision = Write((c, tx) =>
        {
            if (SchemaLockSql is { } schemaLock) Execute(c, tx, schemaLock);
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ForEachRow(c, tx, ListTablesSql, r => tables.Add(r.GetString(0)));
            string revision;
            if (tables.Contains("alembic_version"))
            {
                revision = Scalar(c, tx, "SELECT version_num FROM alembic_version") as string ?? "";
                var library = tables.Contains("version_info")
                    ? Scalar(c, tx, "SELECT library_version FROM version_info") as string ?? "?"
                    : "?";
                if (OptunaSchema.Refusal(revision, library) is { } refusal) throw new StorageException($"storage {Description} {refusal}");
            }
            else if (tables.Contains("studies") || tables.Contains("trials"))
                throw new StorageException($"storage {Description} {OptunaSchema.Refusal(null, "?")}");
            else
            {
                foreach (var statement in OptunaSchema.CreateStatements(IsPostgres, newRevision)) Execute(c, tx, statement);
                revision = newRevision;
            }
            if (tables.Contains("tuning_studies")) MigrateTuningTables(c, tx);
            return revision;
        });
    }

    /// <inheritdoc/>
    public int CreateOrLoadStudy(string name, StudyDirection direction) => Write((c, tx) =>
    {
        var id = Scalar(c, tx, "SELECT study_id FROM studies WHERE study_name = @name", ("name", name));
        if (id is null)
        {
            var created = Convert.ToInt32(Scalar(c, tx, "INSERT INTO studies (study_name) VALUES (@name) RETURNING study_id", ("name", name)));
            Execute(c, tx, $"INSERT INTO study_directions (direction, study_id, objective) VALUES ({Enum(DirectionName(direction), "studydirection")}, @study, 0)",
                ("study", created));
            return created;
        }
        var studyId = Convert.ToInt32(id);
        var directions = new List<string>();
        ForEachRow(c, tx, "SELECT CAST(direction AS TEXT) FROM study_directions WHERE study_id = @study ORDER BY objective",
            r => directions.Add(r.GetString(0)), ("study", studyId));
        if (directions.Count > 1)
            throw new InvalidOperationException(
                $"study '{name}' has {directions.Count} objectives ({string.Join(", ", directions)}): TfNotes tunes single-objective studies");
        if (directions.Count == 0 || directions[0] == "NOT_SET")
            Execute(c, tx, directions.Count == 0
                ? $"INSERT INTO study_directions (direction, study_id, objective) VALUES ({Enum(DirectionName(direction), "studydirection")}, @study, 0)"
                : $"UPDATE study_directions SET direction = {Enum(DirectionName(direction), "studydirection")} WHERE study_id = @study",
                ("study", studyId));
        else if (directions[0] != DirectionName(direction))
            throw new InvalidOperationException(
                $"study '{name}' exists with direction {ParseDirection(directions[0])}, not {direction}");
        var waiting = Convert.ToInt64(Scalar(c, tx, $"SELECT COUNT(*) FROM trials WHERE study_id = @study AND state = {Enum("WAITING", "trialstate")}",
            ("study", studyId)));
        if (waiting > 0)
            throw new InvalidOperationException(
                $"study '{name}' has {waiting} WAITING trial(s), enqueued with Optuna's enqueue_trial: TfNotes does not run them; " +
                "run them with Optuna first (study.optimize), or delete them");
        return studyId;
    });

    /// <inheritdoc/>
    public TrialSlot TryCreateTrial(int studyId, int maxFinishedTrials, int phase, TimeSpan staleAfter) => Write((c, tx) =>
    {
        if (LockStudySql is { } lockStudy) Execute(c, tx, lockStudy, ("study", studyId));
        FailStale(c, tx, studyId, staleAfter);
        long finished = 0, running = 0;
        ForEachRow(c, tx,
            $"SELECT COUNT(CASE WHEN state IN ({Enum("COMPLETE", "trialstate")}, {Enum("PRUNED", "trialstate")}) THEN 1 END), " +
            $"COUNT(CASE WHEN state = {Enum("RUNNING", "trialstate")} THEN 1 END) FROM trials WHERE study_id = @study",
            r => (finished, running) = (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1))), ("study", studyId));
        if (finished >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.BudgetReached);
        if (finished + running >= maxFinishedTrials) return new TrialSlot(TrialSlotStatus.Wait);

        // Optuna's number: the count of the study's earlier trials, taken under the study lock like Optuna's.
        long trialId = 0;
        var number = 0;
        ForEachRow(c, tx,
            $"INSERT INTO trials (number, study_id, state, datetime_start) SELECT COUNT(*), @study, {Enum("RUNNING", "trialstate")}, @start " +
            "FROM trials WHERE study_id = @study RETURNING trial_id, number",
            r => (trialId, number) = (Convert.ToInt64(r.GetValue(0)), Convert.ToInt32(r.GetValue(1))),
            ("study", studyId), ("start", DateTimeValue(DateTime.Now)));
        Execute(c, tx, $"INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@trial, {Now})", ("trial", trialId));
        if (phase > 0) UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", trialId, FrozenTrial.PhaseKey, phase);
        return new TrialSlot(TrialSlotStatus.Created, trialId, number);
    });

    /// <inheritdoc/>
    public int FailStaleTrials(int studyId, TimeSpan staleAfter) => Write((c, tx) => FailStale(c, tx, studyId, staleAfter));

    /// <inheritdoc/>
    public void RecordHeartbeat(long trialId) => Write((c, tx) =>
        Execute(c, tx,
            $"UPDATE trial_heartbeats SET heartbeat = {Now} WHERE trial_id = @trial AND " +
            $"EXISTS (SELECT 1 FROM trials WHERE trial_id = @trial AND state = {Enum("RUNNING", "trialstate")})",
            ("trial", trialId)));

    /// <inheritdoc/>
    public void SetParam(long trialId, string name, double internalValue, Distribution distribution) => Write((c, tx) =>
    {
        (int Number, string Json)? earlier = null;
        ForEachRow(c, tx,
            "SELECT t.number, p.distribution_json FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id " +
            "WHERE t.study_id = (SELECT study_id FROM trials WHERE trial_id = @trial) AND p.param_name = @name AND p.trial_id <> @trial " +
            "ORDER BY t.trial_id LIMIT 1",
            r => earlier = (Convert.ToInt32(r.GetValue(0)), r.GetString(1)), ("trial", trialId), ("name", name));
        if (earlier is { } e && DistributionJson.Deserialize(e.Json) is var stored && !stored.IsSameKind(distribution))
            throw Trial.KindChanged(name, stored, distribution, $"trial {e.Number}");
        Execute(c, tx,
            "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@trial, @name, @value, @distribution) " +
            "ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = excluded.param_value, distribution_json = excluded.distribution_json",
            ("trial", trialId), ("name", name), ("value", internalValue), ("distribution", DistributionJson.Serialize(distribution)));
        if (distribution is NumericDistribution { Scale: ParameterScale.ReverseLog })
            UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", trialId, FrozenTrial.ScaleKeyPrefix + name,
                DistributionJson.ScaleName(ParameterScale.ReverseLog));
        return 0;
    });

    /// <inheritdoc/>
    public void SetIntermediateValue(long trialId, int step, double value) => Write((c, tx) =>
        Execute(c, tx,
            "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) " +
            $"VALUES (@trial, @step, @value, {Enum(ValueType(value, nanAllowed: true), "trialintermediatevaluetype")}) " +
            "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = excluded.intermediate_value, " +
            "intermediate_value_type = excluded.intermediate_value_type",
            ("trial", trialId), ("step", step), ("value", double.IsFinite(value) ? value : null)));

    /// <inheritdoc/>
    public void SetUserAttribute(long trialId, string key, object? value) =>
        Write((c, tx) => UpsertAttribute(c, tx, "trial_user_attributes", "trial_id", trialId, key, value));

    /// <inheritdoc/>
    public void SetSystemAttribute(long trialId, string key, object? value) =>
        Write((c, tx) => UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", trialId, key, value));

    /// <inheritdoc/>
    public bool FinishTrial(long trialId, TrialState state, double? value, string? failureReason) => Write((c, tx) =>
    {
        var changed = Execute(c, tx,
            $"UPDATE trials SET state = {Enum(StateName(state), "trialstate")}, datetime_complete = @complete " +
            $"WHERE trial_id = @trial AND state = {Enum("RUNNING", "trialstate")}",
            ("trial", trialId), ("complete", DateTimeValue(DateTime.Now))) == 1;
        if (!changed) return false;
        if (value is { } v)
            Execute(c, tx,
                $"INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@trial, 0, @value, {Enum(ValueType(v, nanAllowed: false), "trialvaluetype")}) " +
                "ON CONFLICT (trial_id, objective) DO UPDATE SET value = excluded.value, value_type = excluded.value_type",
                ("trial", trialId), ("value", double.IsFinite(v) ? v : null));
        if (failureReason is not null)
            UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", trialId, FrozenTrial.FailReasonKey, failureReason);
        return true;
    });

    /// <inheritdoc/>
    public IReadOnlyList<FrozenTrial> GetTrials(int studyId) => Read((c, tx) => LoadTrials(c, tx, "t.study_id = @key", studyId));

    /// <inheritdoc/>
    public FrozenTrial GetTrial(long trialId) =>
        Read((c, tx) => LoadTrials(c, tx, "t.trial_id = @key", trialId)).SingleOrDefault()
        ?? throw new KeyNotFoundException($"no trial with id {trialId} in {Description}");

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> GetStudySystemAttributes(int studyId) => Read((c, tx) =>
    {
        var attributes = new Dictionary<string, object?>();
        ForEachRow(c, tx, "SELECT \"key\", value_json FROM study_system_attributes WHERE study_id = @study",
            r => attributes[r.GetString(0)] = AttributeJson.Decode(r.GetString(1)), ("study", studyId));
        return attributes;
    });

    /// <inheritdoc/>
    public void SetStudySystemAttribute(int studyId, string key, object? value) =>
        Write((c, tx) => UpsertAttribute(c, tx, "study_system_attributes", "study_id", studyId, key, value));

    /// <summary>Fails the study's running trials whose heartbeat is older than the grace period (trials without one never go stale, as in Optuna).</summary>
    private int FailStale(DbConnection c, DbTransaction tx, int studyId, TimeSpan staleAfter)
    {
        var stale = new List<long>();
        ForEachRow(c, tx,
            "SELECT t.trial_id FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id " +
            $"WHERE t.study_id = @study AND t.state = {Enum("RUNNING", "trialstate")} AND {SecondsSince("h.heartbeat")} > @grace",
            r => stale.Add(Convert.ToInt64(r.GetValue(0))), ("study", studyId), ("grace", staleAfter.TotalSeconds));
        foreach (var trialId in stale)
        {
            Execute(c, tx,
                $"UPDATE trials SET state = {Enum("FAIL", "trialstate")}, datetime_complete = @complete WHERE trial_id = @trial",
                ("trial", trialId), ("complete", DateTimeValue(DateTime.Now)));
            UpsertAttribute(c, tx, "trial_system_attributes", "trial_id", trialId, FrozenTrial.FailReasonKey, StaleHeartbeat.Reason);
        }
        return stale.Count;
    }

    private static int UpsertAttribute(DbConnection c, DbTransaction tx, string table, string owner, long ownerId, string key, object? value) =>
        Execute(c, tx,
            $"INSERT INTO {table} ({owner}, \"key\", value_json) VALUES (@owner, @key, @json) " +
            $"ON CONFLICT ({owner}, \"key\") DO UPDATE SET value_json = excluded.value_json",
            ("owner", ownerId), ("key", key), ("json", AttributeJson.Encode(value)));

    private List<FrozenTrial> LoadTrials(DbConnection c, DbTransaction tx, string filter, object key)
    {
        Dictionary<string, object?> Attributes(Dictionary<long, Dictionary<string, object?>> map, long id) => map.GetValueOrDefault(id) ?? new();
        var system = new Dictionary<long, Dictionary<string, object?>>();
        var user = new Dictionary<long, Dictionary<string, object?>>();
        foreach (var (table, map) in new[] { ("trial_system_attributes", system), ("trial_user_attributes", user) })
            ForEachRow(c, tx, $"SELECT a.trial_id, a.\"key\", a.value_json FROM {table} a JOIN trials t ON t.trial_id = a.trial_id WHERE {filter}",
                r => GetOrAdd(map, Convert.ToInt64(r.GetValue(0)))[r.GetString(1)] = r.IsDBNull(2) ? null : AttributeJson.Decode(r.GetString(2)),
                ("key", key));

        var parameters = new Dictionary<long, Dictionary<string, (double Value, Distribution Distribution)>>();
        var distributions = new Dictionary<(string, ParameterScale?), Distribution>();
        ForEachRow(c, tx,
            $"SELECT p.trial_id, p.param_name, p.param_value, p.distribution_json FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id WHERE {filter}",
            r =>
            {
                var trialId = Convert.ToInt64(r.GetValue(0));
                var name = r.GetString(1);
                var scale = Attributes(system, trialId).GetValueOrDefault(FrozenTrial.ScaleKeyPrefix + name) is string s ? DistributionJson.ParseScale(s) : (ParameterScale?)null;
                var json = r.GetString(3);
                if (!distributions.TryGetValue((json, scale), out var distribution))
                    distributions[(json, scale)] = distribution = DistributionJson.Deserialize(json, scale);
                GetOrAdd(parameters, trialId)[name] = (r.GetDouble(2), distribution);
            }, ("key", key));

        var intermediate = new Dictionary<long, Dictionary<int, double>>();
        ForEachRow(c, tx,
            "SELECT v.trial_id, v.step, v.intermediate_value, CAST(v.intermediate_value_type AS TEXT) " +
            $"FROM trial_intermediate_values v JOIN trials t ON t.trial_id = v.trial_id WHERE {filter}",
            r => GetOrAdd(intermediate, Convert.ToInt64(r.GetValue(0)))[Convert.ToInt32(r.GetValue(1))] = StoredValue(r, 2, 3),
            ("key", key));

        var values = new Dictionary<long, double>();
        ForEachRow(c, tx,
            "SELECT v.trial_id, v.value, CAST(v.value_type AS TEXT) FROM trial_values v JOIN trials t ON t.trial_id = v.trial_id " +
            $"WHERE {filter} AND v.objective = 0",
            r => values[Convert.ToInt64(r.GetValue(0))] = StoredValue(r, 1, 2), ("key", key));

        var trials = new List<FrozenTrial>();
        ForEachRow(c, tx,
            "SELECT t.trial_id, t.number, CAST(t.state AS TEXT), t.datetime_start, t.datetime_complete " +
            $"FROM trials t WHERE {filter} ORDER BY t.trial_id",
            r =>
            {
                var id = Convert.ToInt64(r.GetValue(0));
                var trialParams = parameters.GetValueOrDefault(id) ?? new();
                trials.Add(new FrozenTrial
                {
                    Id = id,
                    Number = Convert.ToInt32(r.GetValue(1)),
                    State = ParseState(r.GetString(2)),
                    Value = values.TryGetValue(id, out var v) ? v : null,
                    StartedAt = ReadTime(r, 3),
                    CompletedAt = ReadTime(r, 4),
                    Params = trialParams.ToDictionary(p => p.Key, p => p.Value.Distribution.ToExternal(p.Value.Value)),
                    InternalParams = trialParams.ToDictionary(p => p.Key, p => p.Value.Value),
                    Distributions = trialParams.ToDictionary(p => p.Key, p => p.Value.Distribution),
                    IntermediateValues = intermediate.GetValueOrDefault(id) ?? new(),
                    UserAttributes = Attributes(user, id),
                    SystemAttributes = Attributes(system, id),
                });
            }, ("key", key));
        return trials;
    }

    /// <summary>A value column with its type column: infinities and NaN are stored as NULL plus their type.</summary>
    private static double StoredValue(DbDataReader r, int value, int type) => r.GetString(type) switch
    {
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => r.IsDBNull(value) ? double.NaN : r.GetDouble(value),
    };

    private static string ValueType(double value, bool nanAllowed) => value switch
    {
        double.PositiveInfinity => "INF_POS",
        double.NegativeInfinity => "INF_NEG",
        _ when double.IsNaN(value) => nanAllowed ? "NAN" : throw new ArgumentException("a trial's value cannot be NaN"),
        _ => "FINITE",
    };

    internal static string StateName(TrialState state) => state.ToString().ToUpperInvariant();

    private static TrialState ParseState(string name) => ParseEnum<TrialState>(name);

    private static string DirectionName(StudyDirection direction) => direction.ToString().ToUpperInvariant();

    private static StudyDirection ParseDirection(string name) => ParseEnum<StudyDirection>(name);

    private static T ParseEnum<T>(string name) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(name, ignoreCase: true, out var value) ? value : throw new FormatException($"unknown {typeof(T).Name} '{name}'");

    private static TValue GetOrAdd<TValue>(Dictionary<long, TValue> map, long key) where TValue : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new TValue();
        return value;
    }

    /// <summary>Optuna's datetimes are the writer's local time without a zone (SQLite: text; PostgreSQL: timestamp).</summary>
    private static DateTimeOffset? ReadTime(DbDataReader reader, int column)
    {
        if (reader.IsDBNull(column)) return null;
        var local = reader.GetValue(column) switch
        {
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
            var text => DateTime.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.None),
        };
        return new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local));
    }

    /// <summary>SQLite's text form of a datetime, as SQLAlchemy writes it.</summary>
    protected static string SqliteDateTime(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private T Write<T>(Func<DbConnection, DbTransaction, T> operation) => WithRetry(operation, BeginWriteTransaction);

    private T Read<T>(Func<DbConnection, DbTransaction, T> operation) => WithRetry(operation, BeginReadTransaction);

    private T WithRetry<T>(Func<DbConnection, DbTransaction, T> operation, Func<DbConnection, DbTransaction> begin)
    {
        var clock = Stopwatch.StartNew();
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
            catch (Exception e) when (IsTransient(e))
            {
                // Jittered exponential backoff so competing workers stop colliding, within the budget.
                var delay = Math.Min(1000, 10 * (1 << Math.Min(attempt, 7)));
                if (clock.Elapsed + TimeSpan.FromMilliseconds(delay) >= _retryBudget)
                    throw new StorageException(
                        $"storage {Description}: gave up after {clock.Elapsed.TotalSeconds:0.#} s and {attempt} attempt(s) " +
                        $"(retry budget {_retryBudget.TotalSeconds:0.#} s): {Explain(e)}", e);
                Thread.Sleep(Random.Shared.Next(delay / 2, delay + 1));
            }
            catch (Exception e) when (e is DbException or IOException or TimeoutException or System.Net.Sockets.SocketException)
            {
                throw new StorageException($"storage {Description}: {Explain(e)}", e);
            }
        }
    }

    /// <summary>Runs <paramref name="sql"/> with the named <paramref name="parameters"/>; returns the number of rows
    /// affected.</summary>
    protected static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
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
            // PostgreSQL needs a type for NULL: only values are ever null.
            if (value is null) parameter.DbType = DbType.Double;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
