namespace TfNotes.TestSupport;

/// <summary>
/// Folders for a test's files, all under one folder of the test process that is deleted when the process exits, so a
/// test that does not clean up (or fails first) leaves nothing in the temporary folder.
/// </summary>
internal static class Scratch
{
    static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory($"tfnotes-tests-{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new empty folder whose name starts with <paramref name="prefix"/>, as <c>Directory.CreateTempSubdirectory</c>.</summary>
    internal static DirectoryInfo Folder(string prefix = "") =>
        Directory.CreateDirectory(Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..12]));
}
