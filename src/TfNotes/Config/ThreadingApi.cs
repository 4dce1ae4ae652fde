using TorchSharp;

namespace TfNotes;

/// <summary>
/// <c>tf.config.threading</c>, the one owner of libtorch's thread counts: nothing else in TfNotes sets them (the
/// engine's per-thread <c>IntraOpThreads.UseOnlyThisThread</c> aside, which only changes a background thread's team).
/// As in TensorFlow, 0 means "the system picks" (libtorch: one thread per core) and the getters return 0 until a
/// count is set. Unlike TensorFlow, which refuses a new intra-op count once its runtime has started, libtorch takes
/// it at once; the inter-op count can be set only before the first parallel work, as TensorFlow's.
/// </summary>
public sealed class ThreadingApi
{
    static readonly object gate = new();
    static int intraOp, interOp;
    static bool interOpSet;

    internal ThreadingApi()
    {
    }

    /// <summary>Threads one op may use (libtorch's intra-op pool and OpenMP team).</summary>
    public int get_intra_op_parallelism_threads()
    {
        lock (gate) return intraOp;
    }

    /// <summary>Sets the threads one op may use; 0 restores the default (one per core).</summary>
    public void set_intra_op_parallelism_threads(int num_threads)
    {
        ThrowIfNegative(num_threads);
        Engine.TorchRuntime.EnsureLoaded();
        lock (gate)
        {
            torch.set_num_threads(num_threads == 0 ? Environment.ProcessorCount : num_threads);
            intraOp = num_threads;
        }
    }

    /// <summary>Threads that run independent ops side by side (libtorch's inter-op pool).</summary>
    public int get_inter_op_parallelism_threads()
    {
        lock (gate) return interOp;
    }

    /// <summary>
    /// Sets the inter-op threads, once: libtorch takes one such call per process, before its first parallel work (a
    /// second call would abort the process inside libtorch, so it is refused here with TensorFlow's error).
    /// </summary>
    public void set_inter_op_parallelism_threads(int num_threads)
    {
        ThrowIfNegative(num_threads);
        Engine.TorchRuntime.EnsureLoaded();
        lock (gate)
        {
            if (num_threads == interOp) return;
            if (interOpSet)
                throw new InvalidOperationException(
                    $"Inter op parallelism cannot be modified after initialization (libtorch takes one inter-op thread count per " +
                    $"process; it is {interOp}): call tf.config.threading.set_inter_op_parallelism_threads once, before any op");
            torch.set_num_interop_threads(num_threads == 0 ? Environment.ProcessorCount : num_threads);
            interOpSet = true;
            interOp = num_threads;
        }
    }

    static void ThrowIfNegative(int num_threads)
    {
        if (num_threads < 0)
            throw new ArgumentOutOfRangeException(nameof(num_threads), num_threads,
                $"`num_threads` must be 0 (the system picks) or positive. Received: num_threads={num_threads}");
    }
}
