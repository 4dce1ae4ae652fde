using TfNotes.TestSupport;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

/// <summary>A SQLite database file in a fresh temp folder, deleted afterwards.</summary>
internal sealed class TempSqliteFile : IDisposable
{
    private readonly string _directory = Scratch.Folder("tfnotes-tuning-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "study.db");

    public SqliteStorage Open() => new(Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
