using System.Diagnostics;

namespace TfNotes.TestSupport;

/// <summary>
/// Folders for a test's files, all under one folder of the test process (<c>tfnotes-tests-PID-…</c> in the temporary
/// folder), deleted when the process exits. The test platform may end a test process before its exit handlers run,
/// so the first use also deletes the folders of test processes that are gone: at most one run's files remain.
/// </summary>
internal static class Scratch
{
    const string Prefix = "tfnotes-tests-";

    static readonly Lazy<string> Root = new(() =>
    {
        DeleteFoldersOfEndedProcesses();
        var root = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new empty folder whose name starts with <paramref name="prefix"/>, as <c>Directory.CreateTempSubdirectory</c>.</summary>
    internal static DirectoryInfo Folder(string prefix = "") =>
        Directory.CreateDirectory(Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..12]));

    static void DeleteFoldersOfEndedProcesses()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pid = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, out int id) && !IsRunning(id)) TryDelete(folder);
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
