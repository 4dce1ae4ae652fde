using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// The default storage: one SQLite file in Optuna's schema that several local processes share (Optuna too, with
/// <c>sqlite:///PATH</c>). WAL lets readers run beside the writer; writers take the lock up front (BEGIN IMMEDIATE),
/// wait on a busy timeout and retry within the retry budget. Not for network file systems: workers on several
/// machines use <see cref="PostgresStorage"/>.
/// </summary>
public sealed class SqliteStorage : SqlStorage
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    /// <param name="path">The database file (created with its folder if missing).</param>
    /// <param name="busyTimeout">How long one attempt waits for another process's lock (default 30 s).</param>
    /// <param name="retryBudget">How long busy attempts are retried in all (default 60 s).</param>
    /// <param name="schemaRevision">The Optuna schema revision of a new file (<see cref="OptunaSchema.DefaultRevision"/>).</param>
    public SqliteStorage(string path, TimeSpan? busyTimeout = null, TimeSpan? retryBudget = null, string schemaRevision = OptunaSchema.DefaultRevision)
        : base(retryBudget ?? TimeSpan.FromSeconds(60))
    {
        FilePath = path;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"storage {Description}: cannot create its folder ({e.Message}): give --storage a file in a writable folder", e);
        }
        _busyTimeoutMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
        try
        {
            using var connection = OpenConnection();
            // Persistent in the file; needs no transaction, so set it before the schema.
            Execute(connection, null, "PRAGMA journal_mode = WAL");
        }
        catch (SqliteException e)
        {
            throw new StorageException($"storage {Description}: {Explain(e)}", e);
        }
        OpenSchema(schemaRevision);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc/>
    public override string Description => $"sqlite:{FilePath}";

    // UTC, as Optuna's heartbeats (SQLAlchemy's func.now() is CURRENT_TIMESTAMP there), but to the microsecond in
    // SQLAlchemy's text form: whole seconds would make a live trial look up to a second staler than it is.
    /// <inheritdoc/>
    protected override string Now => "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')";

    /// <inheritdoc/>
    protected override string SecondsSince(string column) => $"((julianday('now') - julianday({column})) * 86400.0)";

    /// <inheritdoc/>
    protected override string ListTablesSql => "SELECT name FROM sqlite_master WHERE type = 'table'";

    /// <inheritdoc/>
    protected override object DateTimeValue(DateTime local) => SqliteDateTime(local);

    /// <inheritdoc/>
    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, $"PRAGMA busy_timeout = {_busyTimeoutMs}");
        return connection;
    }

    // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE: the write lock is taken at once.
    /// <inheritdoc/>
    protected override DbTransaction BeginWriteTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc/>
    protected override DbTransaction BeginReadTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the lock longer than the busy timeout.
    /// <inheritdoc/>
    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>SQLite's error, with the file and what to do about it.</summary>
    protected override string Explain(Exception exception) => exception is SqliteException e
        ? e.SqliteErrorCode switch
        {
            26 => $"{FilePath} is not a SQLite database (SQLite error 26): give --storage another file, or move this one away",
            11 => $"{FilePath} is damaged (SQLite error 11: {e.Message}): restore a copy, or start the study in a new file",
            14 => $"cannot open {FilePath} (SQLite error 14): check that its folder exists and is writable",
            8 => $"{FilePath} is read-only (SQLite error 8): make it and its folder writable, or copy it elsewhere",
            13 => $"the disk holding {FilePath} is full (SQLite error 13): free some space",
            10 => $"input/output error on {FilePath} (SQLite error 10: {e.Message}): check the disk and the file system",
            5 or 6 => $"{FilePath} stayed locked by another process (SQLite error {e.SqliteErrorCode}): is a network file system in use? Use PostgreSQL across machines",
            _ => $"{FilePath}: SQLite error {e.SqliteErrorCode}: {e.Message}",
        }
        : exception.Message;

    /// <inheritdoc/>
    public override void Dispose()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
