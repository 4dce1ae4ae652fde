using TorchSharp;

namespace TfNotes;

/// <summary>How <see cref="GradientTape.gradient(Tensor, IEnumerable{Tensor}, UnconnectedGradients)"/> answers for a source the target does not depend on.</summary>
public enum UnconnectedGradients
{
    /// <summary>A null gradient (TensorFlow's <c>None</c>), the default.</summary>
    None,
    /// <summary>A tensor of zeros shaped like the source.</summary>
    Zero,
}

/// <summary>
/// Records operations for automatic differentiation, as <c>tf.GradientTape</c>; the derivatives come from libtorch
/// autograd. Use it as <c>using var tape = tf.GradientTape();</c> or <c>using (var tape = …) { … }</c>: the tape
/// records from creation until it is disposed or, when not persistent, until <c>gradient</c> is called, as
/// TensorFlow's. Operations outside every tape build no autograd graph at all.
/// Trainable variables read while it records are watched (unless <c>watch_accessed_variables</c> is false); other
/// tensors need <see cref="watch"/>. <c>gradient</c> may be called after the <c>using</c> block, as Python calls it
/// after <c>with</c>. Nested tapes give higher derivatives. The tape is a step (see <see cref="StepScope"/>): its
/// intermediate tensors go when it ends; a non-persistent tape never disposed ends when the next step begins.
/// </summary>
public sealed class GradientTape : IDisposable
{
    /// <summary>Per thread: the tapes recording (innermost last) and whether recording is paused.</summary>
    sealed class ThreadTapes
    {
        internal readonly List<GradientTape> Recording = [];
        internal int Paused;

        /// <summary>libtorch's grad mode is per thread and on by default; TfNotes records only while a tape does.</summary>
        internal void ApplyGradMode() => torch.set_grad_enabled(Recording.Count > 0 && Paused == 0);
    }

    [ThreadStatic] static ThreadTapes? threadTapes;

    static ThreadTapes Tapes
    {
        get
        {
            if (threadTapes is { } tapes) return tapes;
            threadTapes = tapes = new ThreadTapes();
            tapes.ApplyGradMode();
            return tapes;
        }
    }

    readonly bool persistent;
    readonly bool watchAccessedVariables;
    readonly HashSet<Tensor> watched = new(ReferenceEqualityComparer.Instance);
    readonly List<Variable> watchedVariables = [];
    readonly StepScope scope;
    bool recording;
    bool noting = true; // off while gradient reads its sources, which are not accesses of the computation
    bool used;

    internal GradientTape(bool persistent, bool watchAccessedVariables)
    {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
        scope = StepScope.Begin(StepScope.Kind.Tape);
        var tapes = Tapes;
        tapes.Recording.Add(this);
        recording = true;
        tapes.ApplyGradMode();
    }

    /// <summary>Called for every read of a tensor's values: prepares the thread (no recording outside tapes) and notes
    /// the variables the recording tapes read.</summary>
    internal static void OnRead(Tensor tensor)
    {
        var tapes = Tapes;
        if (tapes.Recording.Count == 0 || tensor is not Variable { trainable: true } variable || tapes.Paused > 0) return;
        var innermost = tapes.Recording[^1];
        if (variable.SeenBy == innermost) return; // already noted by every recording tape
        foreach (var tape in tapes.Recording)
            if (tape.watchAccessedVariables && tape.noting) tape.Watch(variable);
        if (innermost.noting) variable.SeenBy = innermost;
    }

    /// <summary>Makes the tape compute gradients with respect to <paramref name="tensor"/> (a constant or an input).
    /// An integer or bool tensor is accepted with a warning, as TensorFlow, and its gradient is None.</summary>
    public void watch(Tensor tensor)
    {
        var native = tensor.Native;
        if (!tensor.dtype.is_floating)
        {
            Warnings.Warn($"The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.{tensor.dtype}");
            return;
        }
        if (!native.requires_grad && native.is_leaf) native.requires_grad_(true);
        if (tensor is Variable v) Watch(v);
        else watched.Add(tensor);
    }

    void Watch(Variable variable)
    {
        if (watched.Add(variable)) watchedVariables.Add(variable);
    }

    /// <summary>The variables this tape watches, in the order it first read or watched them (<c>tape.watched_variables()</c>).</summary>
    public IReadOnlyList<Variable> watched_variables() => watchedVariables;

    /// <summary>
    /// A block in which this tape does not record (<c>with tape.stop_recording():</c>):
    /// <c>using (tape.stop_recording()) { … }</c>.
    /// </summary>
    public IDisposable stop_recording()
    {
        var tapes = Tapes;
        if (!recording)
            throw new InvalidOperationException("stop_recording: this GradientTape is not recording (it was disposed, or its gradient was taken)");
        if (tapes.Recording.Count > 1)
            throw new NotSupportedException("stop_recording: another GradientTape is recording on this thread; TfNotes can pause only " +
                "all tapes at once (libtorch records for every tape), where TensorFlow pauses this one alone");
        tapes.Paused++;
        tapes.ApplyGradMode();
        return new Resume(tapes);
    }

    sealed class Resume(ThreadTapes tapes) : IDisposable
    {
        bool done;

        public void Dispose()
        {
            if (done) return;
            done = true;
            tapes.Paused--;
            tapes.ApplyGradMode();
        }
    }

    /// <summary>d target / d source for one source: null (TensorFlow's None) when the target does not depend on it, or
    /// zeros with <see cref="UnconnectedGradients.Zero"/>.</summary>
    public Tensor? gradient(Tensor target, Tensor source, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradient([target], [source], unconnected_gradients)[0];

    /// <summary>
    /// d target / d source for each source (of the sum of <paramref name="target"/> when it is not a scalar, as
    /// TensorFlow). A source the target does not depend on, or that is not watched, gives <c>null</c> (TensorFlow's
    /// None) or zeros with <see cref="UnconnectedGradients.Zero"/>.
    /// </summary>
    public Tensor?[] gradient(Tensor target, IEnumerable<Tensor> sources, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradient([target], AsList(sources), unconnected_gradients);

    /// <summary>The gradient of the sum of <paramref name="targets"/>, as TensorFlow takes a list of targets.</summary>
    public Tensor?[] gradient(IEnumerable<Tensor> targets, IEnumerable<Tensor> sources, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradient(AsList(targets), AsList(sources), unconnected_gradients);

    /// <summary>A list as it is (a model's variables), anything else enumerated once.</summary>
    static IReadOnlyList<Tensor> AsList(IEnumerable<Tensor> tensors) => tensors as IReadOnlyList<Tensor> ?? tensors.ToList();

    Tensor?[] Gradient(IReadOnlyList<Tensor> targets, IReadOnlyList<Tensor> sources, UnconnectedGradients unconnected_gradients)
    {
        if (targets.Count == 0) throw new ArgumentException("gradient: target must be a tensor or a non-empty list of tensors", nameof(targets));
        BeginUse();
        for (int i = 0; i < targets.Count; i++)
            if (!targets[i].dtype.is_floating)
                Warnings.Warn($"The dtype of the target tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got tf.{targets[i].dtype}");

        var result = new Tensor?[sources.Count];
        var connected = new int[sources.Count];
        var inputs = new torch.Tensor[sources.Count];
        int n = 0;
        for (int i = 0; i < sources.Count; i++)
        {
            if (!IsWatched(sources[i])) continue;
            var native = sources[i].Native;
            if (!native.requires_grad) continue;
            connected[n] = i;
            inputs[n++] = native;
        }
        if (n < inputs.Length) Array.Resize(ref inputs, n);

        var ys = new List<torch.Tensor>(targets.Count);
        for (int i = 0; i < targets.Count; i++)
            if (targets[i].Native is { requires_grad: true } y) ys.Add(y);
        if (n > 0 && ys.Count > 0)
        {
            var grads = Differentiate(ys, inputs, targets[0]);
            for (int k = 0; k < grads.Length; k++) result[connected[k]] = grads[k];
        }
        if (unconnected_gradients == UnconnectedGradients.Zero)
            for (int i = 0; i < result.Length; i++)
                result[i] ??= Tensor.Wrap(torch.zeros_like(sources[i].Native), sources[i]);
        EndUse();
        return result;
    }

    /// <summary>The gradient of the sum of a dictionary of targets (<c>tape.gradient({"y0": y0, "y1": y1}, x)</c>).</summary>
    public Tensor? gradient(IReadOnlyDictionary<string, Tensor> target, Tensor source, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        gradient(target.Values, [source], unconnected_gradients)[0];

    /// <summary>The gradients for a dictionary of sources, under the same keys (<c>tape.gradient(loss, {"w": w, "b": b})</c>).</summary>
    public Dictionary<string, Tensor?> gradient(Tensor target, IReadOnlyDictionary<string, Tensor> sources,
        UnconnectedGradients unconnected_gradients = UnconnectedGradients.None)
    {
        var keys = sources.Keys.ToList();
        var grads = gradient([target], keys.Select(k => sources[k]), unconnected_gradients);
        return keys.Select((k, i) => (k, grads[i])).ToDictionary(e => e.k, e => e.Item2);
    }

    /// <summary>
    /// The Jacobian of <paramref name="target"/> with respect to <paramref name="source"/>: shape
    /// <c>target.shape + source.shape</c>, element [i…, j…] = d target[i…] / d source[j…] (one backward pass per
    /// element of the target, so for small cases). Unconnected gives zeros here only with <see cref="UnconnectedGradients.Zero"/>.
    /// </summary>
    public Tensor? jacobian(Tensor target, Tensor source, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None)
    {
        BeginUse();
        var y = target.Native;
        var x = source.Native;
        Tensor? result = null;
        if (IsWatched(source) && x.requires_grad && y.requires_grad)
        {
            long n = y.NumberOfElements;
            var rows = new List<torch.Tensor>((int)n);
            try
            {
                using var enable = torch.enable_grad();
                using var flat = y.reshape(-1);
                bool higherOrder = OthersRecording();
                for (long i = 0; i < n; i++)
                {
                    using var element = flat[i];
                    x.grad = null;
                    Backward(element, [x], retain: true, higherOrder);
                    var g = x.grad;
                    x.grad = null;
                    rows.Add(g ?? torch.zeros_like(x));
                }
                using var stacked = torch.stack(rows);
                result = Tensor.Wrap(stacked.reshape([.. y.shape, .. x.shape]), target);
            }
            finally
            {
                foreach (var row in rows) row.Dispose();
            }
        }
        else if (unconnected_gradients == UnconnectedGradients.Zero)
            result = Tensor.Wrap(torch.zeros([.. y.shape, .. x.shape], x.dtype), target);
        EndUse();
        return result;
    }

    void BeginUse()
    {
        if (used && !persistent)
            throw new InvalidOperationException("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)");
        used = true;
        noting = false;
    }

    /// <summary>A non-persistent tape stops recording once its gradient is taken, as TensorFlow's.</summary>
    void EndUse()
    {
        noting = true;
        if (persistent) return;
        StopRecording();
        scope.Finished = true;
    }

    /// <summary>Runs libtorch's backward pass restricted to <paramref name="inputs"/> and collects their <c>.grad</c>
    /// (null for an input the targets do not reach). Only this tape and <see cref="jacobian"/> set a <c>.grad</c>, and
    /// both take it back to null, so none is left to accumulate into.</summary>
    Tensor?[] Differentiate(List<torch.Tensor> targets, torch.Tensor[] inputs, Tensor placement)
    {
        try
        {
            // A scalar target is differentiated as it is; the sums made here are disposed here.
            if (targets is [{ } y] && y.dim() == 0) Backward(y, inputs, retain: persistent, OthersRecording());
            else
            {
                using var total = Total(targets);
                Backward(total, inputs, retain: persistent, OthersRecording());
            }
        }
        catch
        {
            foreach (var input in inputs) input.grad = null;
            throw;
        }
        var grads = new Tensor?[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var g = inputs[k].grad;
            if (g is null) continue;
            inputs[k].grad = null;
            grads[k] = Tensor.Wrap(g, placement);
        }
        return grads;
    }

    /// <summary>The sum of every element of every target.</summary>
    static torch.Tensor Total(List<torch.Tensor> targets)
    {
        if (targets.Count == 1) return targets[0].sum();
        var sums = new torch.Tensor[targets.Count];
        try
        {
            for (int i = 0; i < sums.Length; i++) sums[i] = targets[i].sum();
            using var stacked = torch.stack(sums);
            return stacked.sum();
        }
        finally
        {
            foreach (var sum in sums) sum?.Dispose();
        }
    }

    /// <summary>TorchSharp's <c>autograd.grad</c> lets a libtorch error terminate the process; <c>backward</c> reports it
    /// (see <see cref="Engine.Autograd"/>).</summary>
    static void Backward(torch.Tensor scalar, torch.Tensor[] inputs, bool retain, bool higherOrder)
    {
        try
        {
            // An enclosing tape still recording needs the graph of these gradients (second derivatives).
            Engine.Autograd.Backward(scalar, inputs, retainGraph: retain || higherOrder, createGraph: higherOrder);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new InvalidOperationException($"gradient: libtorch could not differentiate: {Ops.FirstLine(e.Message)} " +
                "(a variable used by the recorded computation was changed in place before gradient was called?)", e);
        }
    }

    bool OthersRecording() => Tapes.Recording.Count > (recording ? 1 : 0);

    bool IsWatched(Tensor source) =>
        watched.Contains(source) || (source is not Variable && !source.Native.is_leaf);

    void StopRecording()
    {
        if (!recording) return;
        recording = false;
        var tapes = Tapes;
        tapes.Recording.Remove(this);
        tapes.ApplyGradMode();
    }

    /// <summary>Ends recording and the tape's step; <c>gradient</c> may still be called (once unless persistent).</summary>
    public void Dispose()
    {
        StopRecording();
        scope.Dispose();
    }
}
