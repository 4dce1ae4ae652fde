using TorchSharp;

namespace TfNotes.Engine;

/// <summary>
/// libtorch's backward pass through the export TorchSharp calls (LibTorchSharp's <c>THSAutograd_backward</c>), with
/// the handle arrays on the stack. TorchSharp's <c>autograd.backward</c> pins them in three finalizable
/// <c>PinnedArray</c> objects per call whose Dispose leaves them registered for finalization: a training loop then
/// hands the garbage collector three objects per step to promote and the finalizer thread three to run, and its
/// collections take tens of milliseconds.
/// </summary>
internal static unsafe class Autograd
{
    // THSAutograd_backward(tensors, n, grad_tensors, n, retain_graph, create_graph, inputs, n); errors are left for
    // torch.CheckForErrors, as after TorchSharp's own calls.
    static readonly delegate* unmanaged<IntPtr*, long, IntPtr*, long, byte, byte, IntPtr*, long, void> backward =
        (delegate* unmanaged<IntPtr*, long, IntPtr*, long, byte, byte, IntPtr*, long, void>)LoadedLibrary.Export("libLibTorchSharp", "THSAutograd_backward");

    /// <summary>Accumulates d <paramref name="target"/> / d input into each input's <c>.grad</c>, as
    /// <c>torch.autograd.backward([target], inputs: inputs)</c>.</summary>
    internal static void Backward(torch.Tensor target, torch.Tensor[] inputs, bool retainGraph, bool createGraph)
    {
        if (backward is null)
            throw new PlatformNotSupportedException("TfNotes cannot differentiate: the loaded LibTorchSharp exports no THSAutograd_backward");
        Span<IntPtr> handles = inputs.Length <= 256 ? stackalloc IntPtr[inputs.Length] : new IntPtr[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) handles[i] = inputs[i].Handle;
        IntPtr output = target.Handle;
        fixed (IntPtr* ins = handles)
            backward(&output, 1, null, 0, retainGraph ? (byte)1 : (byte)0, createGraph ? (byte)1 : (byte)0, ins, inputs.Length);
        GC.KeepAlive(target);
        GC.KeepAlive(inputs);
        torch.CheckForErrors();
    }
}
