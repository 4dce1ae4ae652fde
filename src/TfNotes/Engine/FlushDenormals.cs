using System.Runtime.InteropServices;

namespace TfNotes.Engine;

/// <summary>
/// TensorFlow computes on the CPU with denormal numbers flushed to zero (the processor's FTZ and DAZ flags, float32
/// and float64 alike: <c>0.1 * tf.constant(np.finfo(np.float32).tiny)</c> is 0), and so does TfNotes: a thread turns
/// the flags on through libtorch's <c>setFlushDenormal</c> at every read of a tensor, for itself, and for its OpenMP
/// team once for a team of every core (or the thread's count, if larger) and again when the thread's count grows past
/// the team flushed (a team started by libtorch calls made before any TfNotes op keeps the flags it started with until
/// then; threads the team adds later inherit them). Besides the values, this keeps ops fast:
/// arithmetic on denormals (an Adam moment decaying toward zero) takes the processor's slow microcode path.
/// Where TfNotes differs: TensorFlow restores the flags after each op, while a TfNotes thread keeps them, so .NET
/// arithmetic on a thread that has run ops flushes denormals too.
/// </summary>
internal static unsafe class FlushDenormals
{
    [ThreadStatic] static int flushedTeam;   // 0: not yet

    static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr> globalContext =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr>)LoadedLibrary.Export("libtorch_cpu", "_ZN2at13globalContextEv");
    static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, byte, byte> setFlushDenormal =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, byte, byte>)LoadedLibrary.Export("libtorch_cpu", "_ZN2at7Context16setFlushDenormalEb");
    // GOMP_parallel(fn, data, num_threads, flags): fn on every thread of the caller's team (0: the team's current size).
    static readonly delegate* unmanaged<delegate* unmanaged<IntPtr, void>, IntPtr, uint, uint, void> ompParallel =
        (delegate* unmanaged<delegate* unmanaged<IntPtr, void>, IntPtr, uint, uint, void>)LoadedLibrary.Export("libgomp", "GOMP_parallel");
    // Read on every tensor read: a plain TLS read in libgomp, called without the GC transition.
    static readonly delegate* unmanaged[SuppressGCTransition]<int> ompMaxThreads =
        (delegate* unmanaged[SuppressGCTransition]<int>)LoadedLibrary.Export("libgomp", "omp_get_max_threads");

    /// <summary>Turns flushing on for the calling thread (at every read: the flags of a managed thread do not always
    /// survive the runtime's suspensions of it) and its OpenMP team (again when the team may have grown).</summary>
    internal static void OnThisThread()
    {
        if (globalContext is null || setFlushDenormal is null)
            throw new PlatformNotSupportedException("TfNotes cannot flush denormals to zero as TensorFlow does: this libtorch exports no at::Context::setFlushDenormal");
        int team = ompMaxThreads is null ? 1 : ompMaxThreads();
        if (flushedTeam >= team)
        {
            Flush();
            return;
        }
        team = Math.Max(team, Environment.ProcessorCount);
        flushedTeam = team;
        if (ompParallel is not null) ompParallel(&OnTeamThread, IntPtr.Zero, (uint)team, 0);
        else Flush();
    }

    [UnmanagedCallersOnly]
    static void OnTeamThread(IntPtr _) => Flush();

    static void Flush() => setFlushDenormal(globalContext(), 1);
}
