using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

namespace TfNotes.Packaging.Tests;

/// <summary>What the library packages and the tool package hold.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageContentsTests(Packages packages)
{
    [Theory]
    [InlineData("TfNotes")]
    [InlineData("TfNotes.Tuning")]
    public void A_library_package_has_its_metadata_licence_readme_and_xml_docs(string id)
    {
        using var package = ZipFile.OpenRead(packages.PathOf(id));
        var metadata = Packages.Nuspec(package);
        Assert.Equal(id, Packages.Field(metadata, "id"));
        Assert.Equal(packages.Version, Packages.Field(metadata, "version"));
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", packages.Version); // SemVer
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), (license.Attribute("type")?.Value, license.Value));
        Assert.DoesNotContain("Package Description", Packages.Field(metadata, "description"));
        Assert.Equal("README.md", Packages.Field(metadata, "readme"));
        Assert.Contains(package.Entries, e => e.FullName == "README.md" && e.Length > 500);
        Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");

        var docs = package.Entries.Single(e => e.FullName == $"lib/net10.0/{id}.xml");
        using var docsStream = docs.Open();
        var members = XDocument.Load(docsStream).Descendants("member").ToList();
        Assert.True(members.Count > 100, $"{id}.xml documents {members.Count} members");

        // SourceLink's commit: the package names the commit it was built from.
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        var head = Command.Run("git", ["rev-parse", "HEAD"], Repository.Root).StandardOutput.Trim();
        Assert.Equal(head, repository.Attribute("commit")?.Value);
    }

    [Theory]
    [InlineData("TfNotes")]
    [InlineData("TfNotes.Tuning")]
    public void A_library_symbol_package_holds_a_deterministic_portable_pdb(string id)
    {
        using var symbols = ZipFile.OpenRead(packages.SymbolsOf(id));
        var pdb = symbols.Entries.Single(e => e.FullName == $"lib/net10.0/{id}.pdb");
        using var copy = new MemoryStream();
        using (var stream = pdb.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        Assert.Contains(documents, d => d.EndsWith(".cs", StringComparison.Ordinal));
        // Source paths mapped to /_/: the same commit gives the same pdb on any machine, in any folder.
        Assert.All(documents.Where(d => d.EndsWith(".cs", StringComparison.Ordinal) && !d.Contains("/obj/")),
            d => Assert.StartsWith($"/_/src/{id}/", d));
        Assert.DoesNotContain(documents, d => d.Contains(Repository.Root, StringComparison.Ordinal));
    }

    [Fact]
    public void The_linux_x64_tool_package_is_under_250_MB_and_carries_linux_x64_natives_only()
    {
        var path = Path.Combine(packages.Folder, $"{Packages.Tool}.linux-x64.{packages.Version}.nupkg");
        var size = new FileInfo(path).Length;
        Assert.True(size < 250L * 1024 * 1024, $"{Path.GetFileName(path)} is {size / (1024 * 1024)} MB");
        using var package = ZipFile.OpenRead(path);
        var natives = package.Entries.Where(e => e.Name.EndsWith(".so", StringComparison.Ordinal) || e.Name.EndsWith(".dylib", StringComparison.Ordinal)
            || e.Name.EndsWith(".dll", StringComparison.Ordinal) && e.FullName.Contains("/native/")).Select(e => e.FullName).ToList();
        Assert.Contains("tools/net10.0/linux-x64/libtorch_cpu.so", natives);
        Assert.Contains("tools/net10.0/linux-x64/libSkiaSharp.so", natives);
        Assert.All(natives, n => Assert.StartsWith("tools/net10.0/linux-x64/", n));
        Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("runtimes/", StringComparison.Ordinal));

        // The package `dotnet tool install` resolves first points at the platform packages.
        using var pointer = ZipFile.OpenRead(packages.PathOf(Packages.Tool));
        using var settings = pointer.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)).Open();
        var rids = XDocument.Load(settings).Descendants().Where(e => e.Name.LocalName == "RuntimeIdentifierPackage")
            .Select(e => (e.Attribute("RuntimeIdentifier")?.Value, e.Attribute("Id")?.Value)).ToList();
        Assert.Contains(("linux-x64", $"{Packages.Tool}.linux-x64"), rids);
    }
}
