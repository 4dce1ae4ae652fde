namespace TfNotes.Cli.Runs;

/// <summary>Another process holds the run folder's lock: a second <c>tfnotes train</c> with the same <c>--out</c>.</summary>
public sealed class RunFolderInUseException(string folder, int? pid)
    : IOException($"--out: {folder} is in use by another tfnotes run (PID {pid?.ToString() ?? "unknown"}); wait for it to end or choose another folder");
