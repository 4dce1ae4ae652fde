namespace TfNotes.Tuning.Storage;

/// <summary>
/// A storage that cannot be used: not a database, unreachable, read-only, out of retries. The message names the
/// storage (the SQLite file, or host, port and database; never a password) and what to do.
/// </summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
