namespace TfNotes.TestSupport;

/// <summary>The repository the tests were built from (linked into every test project from tests/Shared).</summary>
internal static class Repository
{
    /// <summary>The folder holding TfNotes.sln, found above the test assembly (bin/…/ inside the clone).</summary>
    internal static string Root { get; } = Find();

    /// <summary>A path inside the repository, from its parts: <c>Repository.Path("data", "fashion-mnist")</c>.</summary>
    internal static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TfNotes.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no TfNotes.sln above {AppContext.BaseDirectory}: the tests run from their build output inside the repository");
    }
}
