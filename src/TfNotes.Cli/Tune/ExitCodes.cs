namespace TfNotes.Cli.Tune;

/// <summary>How <c>tfnotes tune</c> and its workers end.</summary>
internal static class ExitCodes
{
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>128 + SIGINT, as a shell reports a process stopped by Ctrl-C.</summary>
    public const int Interrupted = 130;
}
