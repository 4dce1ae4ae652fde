namespace TfNotes;

/// <summary>
/// Finds out whether a function computes each row of its input on its own, so that calling it once on a batch gives
/// the rows it would give called on each element — tf.data's map vectorization (see <c>MapDataset</c>). The function
/// runs once on a batch whose tensors are traced. A traced tensor may only be read by an elementwise op (arithmetic,
/// cast, activations, one_hot…), whose result is traced in turn; its traced inputs must have the result's rank and
/// its other inputs a lower one, so broadcasting never lines them up with the batch axis. Any other read (a
/// reduction, a reshape, the shape or values on the .NET side) and any random op stops the function at once, and the
/// caller falls back to one call per element. Tensors are read only through <see cref="Tensor.Native"/>, so nothing
/// escapes the check.
/// </summary>
internal sealed class ElementwiseTrace
{
    [ThreadStatic] static ElementwiseTrace? current;
    readonly List<Tensor> traced = [];
    int openOps;

    /// <summary>Why the function is not elementwise; null while it is.</summary>
    internal string? Refusal { get; private set; }

    /// <summary>
    /// Calls <paramref name="function"/> with <paramref name="inputs"/> traced. Returns its result when every output
    /// tensor is computed elementwise from the inputs; otherwise frees nothing, returns false and the reason.
    /// Exceptions of the function itself propagate when the trace had not refused it.
    /// </summary>
    internal static bool TryRun<TIn, TOut>(Func<TIn, TOut> function, TIn input, IEnumerable<Tensor> inputs,
        Func<TOut, IEnumerable<Tensor>> outputs, out TOut result, out string? refusal)
    {
        var trace = new ElementwiseTrace();
        foreach (var tensor in inputs) trace.Mark(tensor);
        var outer = current;
        current = trace;
        result = default!;
        try
        {
            result = function(input);
            if (trace.Refusal is null && outputs(result).FirstOrDefault(t => t.Trace != trace) is not null)
                trace.Refusal = "an output is not computed from the element";
        }
        catch when (trace.Refusal is not null)
        {
        }
        finally
        {
            current = outer;
            foreach (var tensor in trace.traced) tensor.Trace = null;
        }
        refusal = trace.Refusal;
        return refusal is null;
    }

    /// <summary>Called by ops that make values without reading an input (random ops): their result differs per call.</summary>
    internal static void Stateful(string op) => current?.Refuse($"{op} draws new values on every call");

    /// <summary>Called whenever a traced tensor's values are read (on any thread: only the tracing one is in an op).</summary>
    internal void OnRead()
    {
        if (current != this) Refuse("the function reads the element on another thread");
        if (openOps == 0) Refuse("the function reads the element outside an elementwise op");
    }

    void Mark(Tensor tensor)
    {
        tensor.Trace = this;
        traced.Add(tensor);
    }

    void Refuse(string reason)
    {
        Refusal ??= reason;
        throw new NotElementwise(reason);
    }

    /// <summary>The scope of one elementwise op; free when no input is traced.</summary>
    internal readonly struct Op : IDisposable
    {
        readonly ElementwiseTrace? trace;

        internal Op(Tensor a, Tensor? b = null, Tensor? c = null)
        {
            trace = a.Trace ?? b?.Trace ?? c?.Trace;
            if (trace is not null) trace.openOps++;
        }

        /// <summary>The op's result, traced when an input is; <paramref name="newAxes"/> trailing axes the op appends.</summary>
        internal Tensor Result(Tensor result, Tensor a, Tensor? b = null, int newAxes = 0) =>
            trace is null ? result : Traced(result, newAxes, a, b);

        /// <summary>The result of an op of three inputs (select).</summary>
        internal Tensor Result(Tensor result, Tensor a, Tensor b, Tensor c) =>
            trace is null ? result : Traced(result, 0, a, b, c);

        Tensor Traced(Tensor result, int newAxes, params Tensor?[] inputs)
        {
            int rank = result.ndim;
            foreach (var input in inputs.OfType<Tensor>())
            {
                bool fits = input.Trace == trace ? input.ndim + newAxes == rank : input.ndim < rank;
                if (!fits) trace!.Refuse("an input would broadcast against the batch axis");
            }
            trace!.Mark(result);
            return result;
        }

        public void Dispose()
        {
            if (trace is not null) trace.openOps--;
        }
    }

    sealed class NotElementwise(string reason) : Exception(reason);
}
