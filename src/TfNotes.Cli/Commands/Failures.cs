using TfNotes.Cli.Runs;
using TfNotes.Cli.Tune;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Commands;

/// <summary>
/// How every command ends on an expected failure: one line <c>tfnotes &lt;command&gt;: &lt;message&gt;</c> on stderr
/// (passwords redacted), the stack trace only under <c>--verbose</c>; exit 2 for bad input (arguments, data files, a
/// run folder that cannot be used or read), 1 for a run that failed. A tuning worker's line reaches its coordinator's.
/// </summary>
internal static class Failures
{
    /// <summary>Failures a user can act on: bad data, bad settings, an unusable storage or folder, a broken objective.</summary>
    public static bool IsExpected(Exception e) => e is ArgumentException or FormatException or InvalidOperationException or IOException
        or InvalidDataException or UnauthorizedAccessException or StorageException or System.Data.Common.DbException;

    public static bool IsBadInput(Exception e) => e is ArgumentException or FormatException or InvalidDataException
        or FileNotFoundException or DirectoryNotFoundException or RunFolderInUseException;

    /// <summary>Writes <paramref name="e"/>'s line (and its stack when <paramref name="verbose"/>); returns the exit code.</summary>
    public static int Report(string command, Exception e, bool verbose)
    {
        Console.Error.WriteLine($"tfnotes {command}: {StorageUrl.Redact(e.Message).ReplaceLineEndings(" ")}");
        if (verbose) Console.Error.WriteLine(StorageUrl.Redact(e.ToString()));
        return IsBadInput(e) ? ExitCodes.BadInput : ExitCodes.Failed;
    }
}
