namespace TfNotes;

/// <summary>
/// Tells the garbage collector about the native bytes of a tensor made outside any step, so collections (and
/// TorchSharp's finalizers, which free the memory) keep pace with native allocation.
/// </summary>
internal sealed class MemoryPressure
{
    const long Threshold = 64 * 1024; // small tensors are not worth the finalizer
    long bytes;

    MemoryPressure(long bytes)
    {
        this.bytes = bytes;
        GC.AddMemoryPressure(bytes);
    }

    internal static MemoryPressure? For(TorchSharp.torch.Tensor native)
    {
        long bytes = native.NumberOfElements * native.ElementSize;
        return bytes >= Threshold ? new MemoryPressure(bytes) : null;
    }

    internal void Release()
    {
        var b = Interlocked.Exchange(ref bytes, 0);
        if (b > 0) { GC.RemoveMemoryPressure(b); GC.SuppressFinalize(this); }
    }

    ~MemoryPressure() => Release();
}
