using System.Data;
using System.Data.Common;
using Npgsql;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// A PostgreSQL database in Optuna's schema, shared by workers on many machines (and Optuna's, with the same URL).
/// Trial numbers are given out under a row lock on the study (SELECT … FOR UPDATE, as Optuna); reads use one
/// REPEATABLE READ snapshot. Every wait is bounded: the connect timeout (default 10 s) and command timeout (30 s) of
/// each attempt, and the retry budget (60 s) of each operation.
/// </summary>
public sealed class PostgresStorage : SqlStorage
{
    // Any constant: serializes concurrent schema creation across processes.
    private const long SchemaLockKey = 0x7466_6e6f_7465_73;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnectionStringBuilder _settings;

    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=db</c>;
    /// a missing <c>Timeout</c> (connect) becomes 10 s.</param>
    /// <param name="retryBudget">How long transient failures are retried in all (default 60 s).</param>
    /// <param name="schemaRevision">The Optuna schema revision of a new database (<see cref="OptunaSchema.DefaultRevision"/>).</param>
    public PostgresStorage(string connectionString, TimeSpan? retryBudget = null, string schemaRevision = OptunaSchema.DefaultRevision)
        : base(retryBudget ?? TimeSpan.FromSeconds(60))
    {
        _settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) _settings.Timeout = 10;
        _dataSource = NpgsqlDataSource.Create(_settings.ConnectionString);
        OpenSchema(schemaRevision);
    }

    /// <inheritdoc/>
    public override string Description =>
        $"postgresql://{(string.IsNullOrEmpty(_settings.Username) ? "" : _settings.Username + "@")}{_settings.Host}:{_settings.Port}/{_settings.Database}";

    /// <summary>Seconds an attempt waits to connect.</summary>
    public int ConnectTimeoutSeconds => _settings.Timeout;

    /// <summary>Seconds an attempt waits for a command's answer.</summary>
    public int CommandTimeoutSeconds => _settings.CommandTimeout;

    // SQLAlchemy's func.now() stored in a timestamp without time zone: the server's local time, as Optuna's heartbeats.
    /// <inheritdoc/>
    protected override string Now => "LOCALTIMESTAMP";

    /// <inheritdoc/>
    protected override string SecondsSince(string column) => $"EXTRACT(EPOCH FROM (LOCALTIMESTAMP - {column}))";

    /// <inheritdoc/>
    protected override string ListTablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";

    /// <inheritdoc/>
    protected override string LockStudySql => "SELECT study_id FROM studies WHERE study_id = @study FOR UPDATE";

    /// <inheritdoc/>
    protected override string SchemaLockSql => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    /// <inheritdoc/>
    protected override string Enum(string value, string type) => $"CAST('{value}' AS {type})";

    /// <inheritdoc/>
    protected override object DateTimeValue(DateTime local) => DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

    /// <inheritdoc/>
    protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    /// <inheritdoc/>
    protected override DbTransaction BeginWriteTransaction(DbConnection connection) =>
        connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <inheritdoc/>
    protected override DbTransaction BeginReadTransaction(DbConnection connection) =>
        connection.BeginTransaction(IsolationLevel.RepeatableRead);

    // Serialization failure, deadlock, a study created by two workers at once (unique violation), lost connection, timeouts.
    /// <inheritdoc/>
    protected override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException { SqlState: "40001" or "40P01" or "23505" } => true,
        NpgsqlException { IsTransient: true } => true,
        _ => false,
    };

    /// <inheritdoc/>
    protected override string Explain(Exception exception) => exception switch
    {
        NpgsqlException { InnerException: TimeoutException } =>
            $"{_settings.Host}:{_settings.Port} accepted the connection but did not answer (connect timeout {_settings.Timeout} s, " +
            $"command timeout {_settings.CommandTimeout} s): is it a PostgreSQL server?",
        NpgsqlException { InnerException: System.Net.Sockets.SocketException socket } =>
            $"cannot reach {_settings.Host}:{_settings.Port} ({socket.Message}): is the server running and the port right?",
        PostgresException p => $"{p.SqlState}: {p.MessageText} (server {_settings.Host}:{_settings.Port})",
        _ => $"{exception.Message} (server {_settings.Host}:{_settings.Port})",
    };

    /// <inheritdoc/>
    public override void Dispose() => _dataSource.Dispose();
}
