using System.Runtime.InteropServices;

namespace TfNotes.Engine;

/// <summary>
/// libtorch's intra-op parallelism per thread. libtorch splits large ops over an OpenMP team; a second thread that
/// runs ops (tf.data's prefetch thread) would start a team of its own, and on a machine whose cores the training
/// step's team already uses, the teams' spinning threads take turns on the cores and stall each other's barriers.
/// OpenMP's thread count is a per-thread setting, so the data thread can run its ops on itself alone while the
/// training thread keeps its team: <c>torch.set_num_threads</c> would change the process-wide default as well.
/// </summary>
internal static class IntraOpThreads
{
    delegate void SetNumThreads(int count);

    static readonly Lazy<SetNumThreads?> ompSetNumThreads = new(FindOmpSetNumThreads);

    /// <summary>Makes libtorch run this thread's ops on this thread only (no effect where libtorch has no OpenMP).</summary>
    internal static void UseOnlyThisThread()
    {
        if (ompSetNumThreads.Value is not { } set) return;
        _ = TorchSharp.torch.get_num_threads(); // libtorch sets a thread's count on its first use: let it happen first
        set(1);
    }

    /// <summary>
    /// Whether this thread's libtorch team leaves a core to a background thread. When it spans every core, a thread
    /// that runs next to it can only take a core from it: the team's next barrier then waits for that core.
    /// </summary>
    internal static bool LeavesACoreFree() => TorchSharp.torch.get_num_threads() < Environment.ProcessorCount;

    /// <summary>The OpenMP runtime libtorch loaded (libgomp, shipped with libtorch under a hashed name).</summary>
    static SetNumThreads? FindOmpSetNumThreads() => LoadedLibrary.Export("libgomp", "omp_set_num_threads") is var export && export != IntPtr.Zero
        ? Marshal.GetDelegateForFunctionPointer<SetNumThreads>(export) : null;
}
