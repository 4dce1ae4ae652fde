using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// The default storage: one SQLite file that several local processes share. WAL lets readers run beside the
/// writer; writers take the lock up front (BEGIN IMMEDIATE), wait on a busy timeout and retry.
/// Not for network file systems: workers on several machines use <see cref="PostgresStorage"/>.
/// </summary>
public sealed class SqliteStorage : SqlStorage
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteStorage(string path, TimeSpan? busyTimeout = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _busyTimeoutMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
        using (var connection = OpenConnection())
        {
            // Persistent in the file; needs no transaction, so set it before the schema.
            Execute(connection, null, "PRAGMA journal_mode = WAL");
        }
        CreateSchema();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    protected override string NowMillis => "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    protected override IEnumerable<string> SchemaStatements =>
    [
        "CREATE TABLE IF NOT EXISTS tuning_studies (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, direction INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS tuning_trials (id INTEGER PRIMARY KEY AUTOINCREMENT, " +
        "study_id INTEGER NOT NULL REFERENCES tuning_studies (id), number INTEGER NOT NULL, state INTEGER NOT NULL, " +
        "value REAL, phase INTEGER NOT NULL DEFAULT 0, started_at INTEGER, completed_at INTEGER, heartbeat_at INTEGER, " +
        "failure_reason TEXT, UNIQUE (study_id, number))",
        "CREATE INDEX IF NOT EXISTS tuning_trials_study_state ON tuning_trials (study_id, state)",
        "CREATE TABLE IF NOT EXISTS tuning_params (trial_id INTEGER NOT NULL REFERENCES tuning_trials (id), " +
        "name TEXT NOT NULL, value REAL NOT NULL, distribution TEXT NOT NULL, PRIMARY KEY (trial_id, name))",
        "CREATE TABLE IF NOT EXISTS tuning_intermediate_values (trial_id INTEGER NOT NULL REFERENCES tuning_trials (id), " +
        "step INTEGER NOT NULL, value REAL, PRIMARY KEY (trial_id, step))",
        "CREATE TABLE IF NOT EXISTS tuning_attributes (trial_id INTEGER NOT NULL REFERENCES tuning_trials (id), " +
        "key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (trial_id, key))",
    ];

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, $"PRAGMA busy_timeout = {_busyTimeoutMs}");
        return connection;
    }

    // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE: the write lock is taken at once.
    protected override DbTransaction BeginWriteTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    protected override DbTransaction BeginReadTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the lock longer than the busy timeout.
    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    public override void Dispose()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
