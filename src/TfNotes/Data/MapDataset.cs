using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// <c>map(f, num_parallel_calls, deterministic)</c>. Each call runs in a step of its own holding the input element,
/// so the function's intermediate tensors and the input are freed when it returns; the outputs are handed on.
/// In parallel mode the input is read on the pass's thread and at most <c>num_parallel_calls</c> calls are in flight.
/// <para>Vectorization (tf.data's <c>map_vectorization</c>): when a <c>batch</c> follows a map over rows of
/// in-memory tensors, the rows of a batch are gathered first and the function is called once on the batch, traced
/// by <see cref="ElementwiseTrace"/>: if it is elementwise, that call's result is the batch; if not, this and later
/// batches map element by element. Either way the batches hold the same values.</para>
/// </summary>
internal sealed class MapDataset<TIn, TOut> : Dataset<TOut>
{
    readonly Dataset<TIn> input;
    readonly Func<TIn, TOut> function;
    readonly int parallelism;
    readonly bool deterministic;

    /// <summary>Why the function is mapped element by element although batched; null until a batch refused it.</summary>
    internal string? NotVectorizedBecause { get; private set; }

    internal MapDataset(Dataset<TIn> input, Func<TIn, TOut> function, int? numParallelCalls, bool deterministic)
    {
        (this.input, this.function, this.deterministic) = (input, function, deterministic);
        parallelism = numParallelCalls switch { null => 0, DataApi.Autotune => DataApi.AutotunedParallelism, var calls => calls.Value };
        if (numParallelCalls is not null) Positive(parallelism, "num_parallel_calls", "map");
    }

    internal override IEnumerator<TOut> OpenPass() => Mapped(input.OpenPass(), firstPosition: 0);

    internal override RowSource<TOut>? Rows => input.Rows is { } rows
        ? new(rows.Order, (order, first) => Mapped(rows.ElementsOf(order, first), first), (batch, first) => MapBatch(rows, batch, first))
        : null;

    /// <summary>The mapped elements of <paramref name="pass"/> (which this takes over).</summary>
    IEnumerator<TOut> Mapped(IEnumerator<TIn> pass, long firstPosition) =>
        parallelism == 0 ? Sequential(pass, firstPosition) : Parallel(pass, firstPosition);

    IEnumerator<TOut> Sequential(IEnumerator<TIn> pass, long position)
    {
        using var _ = pass;
        for (; pass.MoveNext(); position++) yield return Apply(pass.Current, position);
    }

    IEnumerator<TOut> Parallel(IEnumerator<TIn> pass, long position)
    {
        var inFlight = new List<Task<TOut>>(parallelism); // in input order
        using var _ = pass;
        try
        {
            while (true)
            {
                while (inFlight.Count < parallelism && pass.MoveNext())
                {
                    var (element, at) = (pass.Current, position++);
                    inFlight.Add(Task.Run(() => Apply(element, at)));
                }
                if (inFlight.Count == 0) yield break;
                int next = deterministic ? 0 : Task.WaitAny([.. inFlight]);
                var done = inFlight[next];
                inFlight.RemoveAt(next);
                yield return Structure<TOut>.Of.Receive(done.GetAwaiter().GetResult());
            }
        }
        finally
        {
            // A running call cannot be interrupted: the pass ends once they finish, and their results are freed.
            foreach (var call in inFlight)
            {
                ((IAsyncResult)call).AsyncWaitHandle.WaitOne();
                if (call.IsCompletedSuccessfully) Structure<TOut>.Of.Free(Structure<TOut>.Of.Receive(call.Result));
            }
        }
    }

    /// <summary>The batch of <paramref name="batchRows"/>: one traced call on the gathered rows, else element by element.</summary>
    TOut MapBatch(RowSource<TIn> rows, long[] batchRows, long firstPosition)
    {
        if (NotVectorizedBecause is null)
        {
            var batch = rows.Gather(batchRows, firstPosition);
            using var step = StepScope.Begin();
            Structure<TIn>.Of.Adopt(batch, step);
            try
            {
                if (ElementwiseTrace.TryRun(function, batch, Structure<TIn>.Of.Leaves(batch), Structure<TOut>.Of.Leaves,
                        out var output, out var refusal))
                    return HandOn(output, step);
                NotVectorizedBecause = refusal;
            }
            catch (Exception e)
            {
                // Element by element reports the element it fails on, if any; later batches go element by element
                // too rather than running the function twice each.
                NotVectorizedBecause = $"the function failed on a batch: {e.Message}";
            }
        }
        var elements = new List<TOut>(batchRows.Length);
        try
        {
            using var pass = Mapped(rows.ElementsOf(batchRows, firstPosition), firstPosition);
            while (pass.MoveNext()) elements.Add(pass.Current);
            return BatchDataset<TOut>.Stack(elements);
        }
        finally
        {
            foreach (var element in elements) Structure<TOut>.Of.Free(element);
        }
    }

    TOut Apply(TIn element, long position) => InStep(element, () =>
    {
        try
        {
            return function(element);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"map: the function failed on element {position} (zero-based) of the pass: {e.Message}", e);
        }
    });

    /// <summary>Runs <paramref name="call"/> in a step holding <paramref name="element"/>.</summary>
    static TOut InStep(TIn element, Func<TOut> call)
    {
        using var step = StepScope.Begin();
        Structure<TIn>.Of.Adopt(element, step);
        return HandOn(call(), step);
    }

    /// <summary>What the call made leaves its step; anything else it returns (a captured tensor, a variable) is handed
    /// on as an alias.</summary>
    static TOut HandOn(TOut output, StepScope step) =>
        Structure<TOut>.Of.Select(output, t => t.Owner == step ? t.keep() : Tensor.Unowned(t.Native.detach().alias()));

    public override long cardinality() => input.cardinality();

    private protected override object ComputeSpec()
    {
        var spec = input.element_spec;
        object Probe(long unknownAs)
        {
            var zeros = Structure<TIn>.Of.Build(spec, s => Tensor.Unowned(torch.zeros(
                s.shape.dims.Select(d => d == TensorSpec.Unknown ? unknownAs : d).ToArray(), s.dtype.ScalarType)));
            var output = Apply(zeros, position: -1);
            try { return Structure<TOut>.Of.Spec(output); }
            finally { Structure<TOut>.Of.Free(output); }
        }
        return Structure<TOut>.Of.ZipSpecs(Probe(1), Probe(2), TensorSpec.Merge);
    }
}
