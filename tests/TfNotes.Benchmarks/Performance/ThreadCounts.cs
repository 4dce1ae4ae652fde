namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// The libtorch thread counts the epoch benchmarks run at: every core (libtorch's default, a notebook's and
/// <c>tfnotes train</c>'s setting), and one, which leaves the other cores to tf.data's prefetch thread (a tuning
/// worker's share on 2 cores). A background thread can only overlap the training step on a core the step's thread team
/// does not use.
/// </summary>
internal static class ThreadCounts
{
    public static readonly int[] All = Environment.ProcessorCount > 1 ? [Environment.ProcessorCount, 1] : [1];

    public static string Describe(int threads) => threads == Environment.ProcessorCount
        ? $"{threads} libtorch thread{(threads == 1 ? "" : "s")} (every core: libtorch's and tfnotes train's default)"
        : $"{threads} libtorch thread (a core left to the prefetch thread)";
}
