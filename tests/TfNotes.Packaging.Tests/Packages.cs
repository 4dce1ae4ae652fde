using System.IO.Compression;
using System.Xml.Linq;
using TfNotes.TestSupport;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // one packing, then processes that train on 2 cores

namespace TfNotes.Packaging.Tests;

/// <summary>The packing and the installed tool are shared by every test class here.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<Packages>
{
    public const string Name = "packages";
}

/// <summary>
/// The packages as a user gets them: <c>scripts/pack.sh</c> into a temporary folder (Release, linux-x64 tool), and the
/// tool installed from that folder with <c>dotnet tool install --tool-path</c>, once for all the tests.
/// </summary>
public sealed class Packages : IDisposable
{
    public const string Tool = "TfNotes.Cli";

    public string Folder { get; }
    public string ToolPath { get; }
    public string Version { get; } = SingleVersion();

    public Packages()
    {
        var root = Scratch.Folder("tfnotes-packages-").FullName;
        Folder = Path.Combine(root, "packages");
        ToolPath = Path.Combine(root, "tools");
        var pack = Command.Run("bash", [Repository.Path("scripts", "pack.sh"), Folder], Repository.Root, timeout: TimeSpan.FromMinutes(15));
        if (pack.ExitCode != 0) throw new InvalidOperationException($"scripts/pack.sh failed: {pack}");
        var install = Command.Run(Command.Dotnet,
            ["tool", "install", Tool, "--add-source", Folder, "--tool-path", ToolPath, "--version", Version], root,
            // the local folder alone: the tool's package and its platform package are both there
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        if (install.ExitCode != 0) throw new InvalidOperationException($"dotnet tool install failed: {install}");
    }

    public string PathOf(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public string SymbolsOf(string id) => Path.Combine(Folder, $"{id}.{Version}.snupkg");

    /// <summary>The one &lt;Version&gt; of Directory.Build.props (every package's version comes from there).</summary>
    static string SingleVersion()
    {
        var versions = XDocument.Load(Repository.Path("Directory.Build.props")).Descendants("Version").Select(v => v.Value).ToList();
        Assert.Single(versions);
        return versions[0];
    }

    public static XElement Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public static string? Field(XElement metadata, string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
}
