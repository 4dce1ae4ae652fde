using System.Text;

namespace TfNotes.Train;

/// <summary>Files written whole or not at all: a temporary file beside the target, fsync, rename over it.</summary>
internal static class AtomicFile
{
    internal static void WriteAllText(string path, string text) => Write(path, file => file.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; a failure or a kill leaves the old file (or none).</summary>
    internal static void Write(string path, Action<Stream> write)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
