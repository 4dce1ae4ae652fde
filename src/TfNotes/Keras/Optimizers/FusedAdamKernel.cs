using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// libtorch's fused Adam kernel (<c>torch._fused_adam_</c>): one pass over each variable that reads w, g, m, v and
/// writes w, m, v, instead of seven elementwise ops that each read and write whole tensors. TorchSharp does not bind
/// the op, so a one-line TorchScript function calls it. The kernel computes
/// <code>
/// m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)
/// </code>
/// on contiguous tensors, reading t from a step tensor; with amsgrad it keeps v̂ ← max(v̂, v) and divides by √v̂ instead.
/// </summary>
internal static class FusedAdamKernel
{
    const string Script = """
        def adam(w: List[Tensor], g: List[Tensor], m: List[Tensor], v: List[Tensor], vmax: List[Tensor], t: List[Tensor], lr: float, beta1: float, beta2: float, eps: float, amsgrad: bool):
            torch._fused_adam_(w, g, m, v, vmax, t, lr=lr, beta1=beta1, beta2=beta2, weight_decay=0.0, eps=eps, amsgrad=amsgrad, maximize=False)

        """; // TorchScript's parser needs the newline that ends the body

    static readonly Lazy<torch.jit.CompilationUnit> compiled = new(() => torch.jit.compile(Script));

    /// <summary>Applies the kernel to every variable of <paramref name="updates"/> (slots m, v and with amsgrad v̂) at step <paramref name="t"/>.</summary>
    internal static void Apply(IReadOnlyList<Optimizer.VariableUpdate> updates, long t, double lr, double beta1, double beta2, double eps, bool amsgrad)
    {
        int n = updates.Count;
        var (w, g, m, v, steps) = (new torch.Tensor[n], new torch.Tensor[n], new torch.Tensor[n], new torch.Tensor[n], new torch.Tensor[n]);
        var vmax = amsgrad ? new torch.Tensor[n] : [];
        // torch keeps t in a float32 tensor; past 2^24 it rounds, where 1 − β^t is already 1 in double.
        using var step = torch.tensor((float)t);
        var copies = new List<torch.Tensor>();
        try
        {
            for (int i = 0; i < n; i++)
            {
                (w[i], g[i], m[i], v[i], steps[i]) = (updates[i].Variable, updates[i].Gradient, updates[i].Slots[0], updates[i].Slots[1], step);
                if (amsgrad) vmax[i] = updates[i].Slots[2];
                if (!g[i].is_contiguous()) copies.Add(g[i] = g[i].contiguous()); // the kernel indexes g's memory as w's
            }
            // Scalars, not doubles: invoke would make each double a Scalar nothing roots during the native call (see Ops.WithScalar).
            using Scalar lrScalar = lr, beta1Scalar = beta1, beta2Scalar = beta2, epsScalar = eps;
            compiled.Value.invoke("adam", w, g, m, v, vmax, steps, lrScalar, beta1Scalar, beta2Scalar, epsScalar, amsgrad);
        }
        finally
        {
            foreach (var copy in copies) copy.Dispose();
        }
    }
}
