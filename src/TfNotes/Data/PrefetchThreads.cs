namespace TfNotes.Data;

/// <summary>The prefetch threads currently running, over all passes (for tests).</summary>
internal static class PrefetchThreads
{
    internal static int Running;
}
