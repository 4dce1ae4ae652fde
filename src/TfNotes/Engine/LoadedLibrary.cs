using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TfNotes.Engine;

/// <summary>Exports of the native libraries TorchSharp loaded (libtorch's own, under the names its package gives them).</summary>
internal static class LoadedLibrary
{
    static readonly ConcurrentDictionary<string, IntPtr> handles = new(StringComparer.Ordinal);

    /// <summary>The export <paramref name="symbol"/> of the loaded library whose file name starts with <paramref name="prefix"/>; zero if none (or not Linux).</summary>
    internal static IntPtr Export(string prefix, string symbol)
    {
        var handle = handles.GetOrAdd(prefix, Load);
        return handle != IntPtr.Zero && NativeLibrary.TryGetExport(handle, symbol, out var export) ? export : IntPtr.Zero;
    }

    /// <summary>The library's handle, found once per prefix among the process' mappings.</summary>
    static IntPtr Load(string prefix)
    {
        TorchRuntime.EnsureLoaded();
        if (!OperatingSystem.IsLinux()) return IntPtr.Zero;
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith(prefix, StringComparison.Ordinal))
            .Select(fields => fields[5].Trim())
            .FirstOrDefault();
        return path is not null && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }
}
