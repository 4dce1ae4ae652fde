namespace TfNotes.Tuning.Storage;

internal static class StaleHeartbeat
{
    /// <summary>Failure reason of a trial whose worker stopped beating (killed, crashed, lost its machine).</summary>
    public const string Reason = "heartbeat stale: worker died";
}
