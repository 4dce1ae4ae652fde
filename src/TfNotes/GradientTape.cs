using TorchSharp;

namespace TfNotes;

/// <summary>How <see cref="GradientTape.gradient(Tensor, IEnumerable{Tensor}, UnconnectedGradients)"/> answers for a source the target does not depend on.</summary>
public enum UnconnectedGradients { None, Zero }

/// <summary>
/// Records operations for automatic differentiation, as <c>tf.GradientTape</c>; the derivatives come from libtorch
/// autograd. Use it as <c>using var tape = tf.GradientTape();</c>: the tape records from creation, and its
/// intermediate tensors are freed when it is disposed (see <see cref="StepScope"/>).
/// Trainable variables are watched automatically (unless <c>watch_accessed_variables</c> is false); other tensors
/// need <see cref="watch"/>. Nested tapes give higher derivatives.
/// </summary>
public sealed class GradientTape : IDisposable
{
    [ThreadStatic] static int recordingTapes;

    readonly bool persistent;
    readonly bool watchAccessedVariables;
    readonly HashSet<Tensor> watched = new(ReferenceEqualityComparer.Instance);
    readonly StepScope scope;
    readonly bool gradWasEnabled;
    bool used;
    bool disposed;

    internal GradientTape(bool persistent, bool watchAccessedVariables)
    {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
        // Outside a tape nothing is recorded, as in TensorFlow; libtorch's grad mode is per thread.
        gradWasEnabled = torch.is_grad_enabled();
        torch.set_grad_enabled(true);
        recordingTapes++;
        scope = StepScope.Begin(handToParent: true);
    }

    /// <summary>Makes the tape compute gradients with respect to <paramref name="tensor"/> (a constant or an input).</summary>
    public void watch(Tensor tensor)
    {
        var native = tensor.Native;
        if (!DType.FromTorch(native.dtype).is_floating)
            throw new ArgumentException($"watch: only floating-point tensors can be watched, got {tensor.dtype}", nameof(tensor));
        if (!native.requires_grad) native.requires_grad_(true);
        watched.Add(tensor);
    }

    public Tensor? gradient(Tensor target, Tensor source, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        gradient(target, [source], unconnected_gradients)[0];

    /// <summary>
    /// d target / d source for each source (of the sum of <paramref name="target"/> when it is not a scalar, as
    /// TensorFlow). A source the target does not depend on, or that is not watched, gives <c>null</c> (TensorFlow's
    /// None) or zeros with <see cref="UnconnectedGradients.Zero"/>.
    /// </summary>
    public Tensor?[] gradient(Tensor target, IEnumerable<Tensor> sources, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None)
    {
        if (disposed) throw new InvalidOperationException("gradient: this GradientTape was disposed; call gradient inside its using block");
        if (used && !persistent)
            throw new InvalidOperationException("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)");
        used = true;

        var list = sources.ToList();
        var result = new Tensor?[list.Count];
        var connected = new List<int>();
        for (int i = 0; i < list.Count; i++)
            if (IsWatched(list[i]) && list[i].Native.requires_grad) connected.Add(i);

        var y = target.Native;
        if (connected.Count > 0 && y.requires_grad)
            Differentiate(y, connected.Select(i => list[i].Native).ToArray(), target, (k, g) => result[connected[k]] = g);
        if (unconnected_gradients == UnconnectedGradients.Zero)
            for (int i = 0; i < result.Length; i++)
                result[i] ??= Tensor.Wrap(torch.zeros_like(list[i].Native), list[i]);
        return result;
    }

    /// <summary>
    /// Runs libtorch's backward pass restricted to <paramref name="inputs"/> and collects their <c>.grad</c>.
    /// (TorchSharp's <c>autograd.grad</c> lets a libtorch error terminate the process; <c>backward</c> reports it.)
    /// </summary>
    void Differentiate(torch.Tensor y, torch.Tensor[] inputs, Tensor target, Action<int, Tensor> collect)
    {
        // An enclosing tape still recording needs the graph of these gradients (second derivatives).
        bool higherOrder = recordingTapes > 1;
        using var scalar = y.dim() == 0 ? y.alias() : y.sum();
        foreach (var input in inputs) input.grad = null;
        try
        {
            torch.autograd.backward([scalar], null, retain_graph: persistent || higherOrder, create_graph: higherOrder, inputs: inputs);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new InvalidOperationException($"gradient: libtorch could not differentiate: {Ops.FirstLine(e.Message)} " +
                "(a variable used by the recorded computation was changed in place before gradient was called?)", e);
        }
        for (int k = 0; k < inputs.Length; k++)
        {
            var g = inputs[k].grad;
            inputs[k].grad = null;
            if (g is not null) collect(k, Tensor.Wrap(g, target));
        }
    }

    bool IsWatched(Tensor source) =>
        watched.Contains(source) || (source is Variable v ? watchAccessedVariables && v.trainable : !source.Native.is_leaf);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        recordingTapes--;
        torch.set_grad_enabled(gradWasEnabled);
        scope.Dispose();
    }
}
