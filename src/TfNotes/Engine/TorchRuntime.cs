using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TfNotes.Engine;

/// <summary>
/// Makes TorchSharp's native library load on every host. TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> is built
/// with GCC 13, whose &lt;iostream&gt; references the marker symbol <c>std::ios_base_library_init</c> at version
/// <c>GLIBCXX_3.4.32</c>; it is never called. Hosts with an older libstdc++ (Debian 12, Ubuntu 22.04) refuse the
/// library for that one version. On such hosts we load a cached copy whose requirement of that version is marked
/// weak, after preloading libtorch; TorchSharp's own load then finds a library with that soname already loaded.
/// Nothing else in TfNotes knows about this.
/// </summary>
internal static class TorchRuntime
{
    const string MarkerVersion = "GLIBCXX_3.4.32";
    const string MarkerSymbol = "_ZSt21ios_base_library_initv";
    const string BindingLibrary = "libLibTorchSharp.so";
    static readonly string[] TorchLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    static readonly Lazy<Exception?> loadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

#pragma warning disable CA2255 // loading must happen before any TorchSharp use, whichever TfNotes type comes first
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnModuleLoad() => _ = loadFailure.Value;

    /// <summary>The weak-version copy this process loaded, or null where the host's libstdc++ needed none.</summary>
    internal static string? PatchedBindingPath { get; private set; }

    /// <summary>Ensures TorchSharp can be used; throws one clear exception saying what was tried if it cannot.</summary>
    internal static void EnsureLoaded()
    {
        if (loadFailure.Value is { } failure) throw failure;
    }

    static Exception? TryLoad()
    {
        var tried = new List<string>();
        try
        {
            if (OperatingSystem.IsLinux() && !HostHasMarkerVersion())
            {
                tried.Add($"host libstdc++ lacks {MarkerVersion}: loading a copy of {BindingLibrary} with that version marked weak");
                PatchedBindingPath = LoadPatchedBinding(tried);
            }
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            return null;
        }
        catch (Exception e)
        {
            tried.Add($"TorchSharp initialisation: {Unwrap(e).Message}");
            return new InvalidOperationException(
                "TfNotes could not load libtorch through TorchSharp-cpu 0.107.0. Tried:\n  - " + string.Join("\n  - ", tried) +
                "\nCheck that the TorchSharp-cpu package (with libtorch-cpu-linux-x64) was restored next to the application.", e);
        }
    }

    static Exception Unwrap(Exception e) => e is TypeInitializationException { InnerException: { } inner } ? Unwrap(inner) : e;

    internal static bool HostHasMarkerVersion()
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out var libstdcxx)) return false;
        return dlvsym(libstdcxx, MarkerSymbol, MarkerVersion) != IntPtr.Zero;
    }

    [DllImport("libc", EntryPoint = "dlvsym")]
    static extern IntPtr dlvsym(IntPtr handle, string symbol, string version);

    static string LoadPatchedBinding(List<string> tried)
    {
        var binding = FindNative(BindingLibrary, tried)
            ?? throw new FileNotFoundException($"{BindingLibrary} not found in: {string.Join(", ", CandidateDirectories())}");
        foreach (var library in TorchLibraries)
        {
            var path = FindNative(library, tried) ?? throw new FileNotFoundException($"{library} not found in: {string.Join(", ", CandidateDirectories())}");
            NativeLibrary.Load(path);
        }
        var copy = WeakVersionCopy(binding, tried);
        NativeLibrary.Load(copy);
        OriginalBindingPath = binding;
        return copy;
    }

    internal static string? OriginalBindingPath { get; private set; }

    /// <summary>The patched copy lives in a cache folder keyed by the original's hash, written atomically.</summary>
    static string WeakVersionCopy(string original, List<string> tried)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var folder = Path.Combine(CacheRoot(), "native", key);
        var copy = Path.Combine(folder, BindingLibrary);
        if (File.Exists(copy)) return copy;

        if (ElfVersionPatch.MarkWeak(bytes, MarkerVersion) == 0)
            throw new InvalidDataException($"{original} has no {MarkerVersion} requirement to relax");
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{BindingLibrary}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, copy, overwrite: true);
        tried.Add($"wrote {copy}");
        return copy;
    }

    static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : Path.GetTempPath();
        return Path.Combine(root, "tfnotes");
    }

    static string? FindNative(string file, List<string> tried)
    {
        foreach (var dir in CandidateDirectories())
        {
            var path = Path.Combine(dir, file);
            if (File.Exists(path)) return path;
        }
        tried.Add($"{file}: not found");
        return null;
    }

    /// <summary>An app's output folder, a test host's, and the NuGet package layout a notebook kernel uses.</summary>
    static IEnumerable<string> CandidateDirectories()
    {
        const string rid = "runtimes/linux-x64/native";
        var torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        var ours = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location);
        foreach (var dir in new[] { AppContext.BaseDirectory, ours, torchSharpDir })
        {
            if (string.IsNullOrEmpty(dir)) continue;
            yield return dir;
            yield return Path.Combine(dir, rid);
        }
        if (!string.IsNullOrEmpty(torchSharpDir))
            yield return Path.GetFullPath(Path.Combine(torchSharpDir, "..", "..", rid)); // torchsharp/<v>/lib/net8.0 → torchsharp/<v>
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var libtorch = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (Directory.Exists(libtorch))
            foreach (var version in Directory.GetDirectories(libtorch).OrderByDescending(d => d, StringComparer.Ordinal))
                yield return Path.Combine(version, rid);
    }
}
