namespace TfNotes.Cli.Runs;

/// <summary>
/// A run folder's lock, held for the run's lifetime: an OS record lock on <c>&lt;folder&gt;/.lock</c>, which the
/// kernel releases when the process ends however it ends (SIGKILL included), so a lock is never stale. The file holds
/// the owner's PID for the refusal's message; the locked byte lies past it, so another process can still read it.
/// The file stays when the run ends (deleting it would let two later runs lock two different files).
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".lock";
    const long LockedByte = 1 << 20;

    readonly FileStream stream;

    RunFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>Locks <paramref name="folder"/> (which must exist); throws <see cref="RunFolderInUseException"/> when another process holds it.</summary>
    public static RunFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        // .NET has no record locks on macOS: its exclusive open (flock) locks there, and the PID is not read.
        if (OperatingSystem.IsMacOS()) return Locked(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            stream.Lock(LockedByte, 1);
        }
        catch (IOException)
        {
            using var reader = new StreamReader(stream);
            throw new RunFolderInUseException(folder, int.TryParse(reader.ReadToEnd(), out int pid) ? pid : null);
        }
        return Locked(stream);
    }

    static RunFolderLock Locked(FileStream stream)
    {
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}"));
        stream.Flush(flushToDisk: true);
        return new RunFolderLock(stream);
    }

    public void Dispose() => stream.Dispose();
}
