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

    /// <summary>The spec of the output for probes with unknown dimensions of 1, found when map() is called (as
    /// TensorFlow traces the function then); null when the function failed on the probe.</summary>
    readonly object? firstProbe;

    internal MapDataset(Dataset<TIn> input, Func<TIn, TOut> function, int? numParallelCalls, bool deterministic)
    {
        (this.input, this.function, this.deterministic) = (input, function, deterministic);
        parallelism = numParallelCalls switch { null => 0, DataApi.Autotune => DataApi.AutotunedParallelism, var calls => calls.Value };
        if (numParallelCalls is not null) Positive(parallelism, "num_parallel_calls", "map");
        firstProbe = TryProbe();
    }

    internal override IEnumerator<TOut> OpenPass() => Mapped(input.OpenPass(), firstPosition: 0, new PassRandomness());

    internal override RowSource<TOut>? Rows => input.Rows is { } rows ? RowsOf(rows, new PassRandomness()) : null;

    RowSource<TOut> RowsOf(RowSource<TIn> rows, PassRandomness randomness) =>
        new(rows.Order, (order, first) => Mapped(rows.ElementsOf(order, first), first, randomness),
            (batch, first) => MapBatch(rows, batch, first, randomness));

    /// <summary>The mapped elements of <paramref name="pass"/> (which this takes over).</summary>
    IEnumerator<TOut> Mapped(IEnumerator<TIn> pass, long firstPosition, PassRandomness randomness) =>
        parallelism == 0 ? Sequential(pass, firstPosition, randomness) : Parallel(pass, firstPosition, randomness);

    IEnumerator<TOut> Sequential(IEnumerator<TIn> pass, long position, PassRandomness randomness)
    {
        using var _ = pass;
        for (; pass.MoveNext(); position++) yield return Apply(pass.Current, position, randomness);
    }

    IEnumerator<TOut> Parallel(IEnumerator<TIn> pass, long position, PassRandomness randomness)
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
                    inFlight.Add(Task.Run(() => Apply(element, at, randomness)));
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
    TOut MapBatch(RowSource<TIn> rows, long[] batchRows, long firstPosition, PassRandomness randomness)
    {
        if (NotVectorizedBecause is null)
        {
            var batch = rows.Gather(batchRows, firstPosition);
            using var step = StepScope.Begin();
            Structure<TIn>.Of.Adopt(batch, step);
            using var entered = randomness.Enter();
            try
            {
                if (ElementwiseTrace.TryRun(function, batch, Structure<TIn>.Of.Leaves(batch), Structure<TOut>.Of.Leaves,
                        out var output, out var refusal))
                    return UserFunction.HandOn(output, step);
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
            using var pass = Mapped(rows.ElementsOf(batchRows, firstPosition), firstPosition, randomness);
            while (pass.MoveNext()) elements.Add(pass.Current);
            return BatchDataset<TOut>.Stack(elements);
        }
        finally
        {
            foreach (var element in elements) Structure<TOut>.Of.Free(element);
        }
    }

    TOut Apply(TIn element, long position, PassRandomness randomness) => UserFunction.InStep(Structure<TIn>.Of.Leaves(element), () =>
    {
        TOut output;
        try
        {
            output = function(element);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"map: the function failed on element {position} (zero-based) of the pass: {e.Message}", e);
        }
        UserFunction.NotNull(output, "map", "map_func", function, position < 0 ? "for a zero-filled element of the input's spec" : $"for element {position} (zero-based) of the pass");
        return output;
    }, randomness);

    public override long cardinality() => input.cardinality();

    /// <summary>The output spec: dimensions that differ between zero-filled probes with unknown input dimensions of 1
    /// and 2, or with a one-filled probe (an output whose shape depends on the values, as <c>tf.fill([x], x)</c>), are
    /// unknown. A function that fails on ones, or changes rank with them, is judged by the zero probes.</summary>
    private protected override object ComputeSpec()
    {
        var spec = Structure<TOut>.Of.ZipSpecs(firstProbe ?? Probe(1), Probe(2), TensorSpec.Merge);
        try
        {
            return Structure<TOut>.Of.ZipSpecs(spec, Probe(2, ones: true), TensorSpec.Merge);
        }
        catch (InvalidOperationException)
        {
            return spec;
        }
    }

    /// <summary>The output's spec for probes of the input's spec, unknown dimensions taken as <paramref name="unknownAs"/>.</summary>
    object Probe(long unknownAs, bool ones = false)
    {
        var output = Apply(UserFunction.Zeros<TIn>(input.element_spec, unknownAs, ones), position: -1, new PassRandomness());
        try { return Structure<TOut>.Of.Spec(output); }
        finally { Structure<TOut>.Of.Free(output); }
    }

    /// <summary>The first probe, run when map() is called so a function returning null fails there; a function that
    /// fails on zeros (a division, a lookup) is left to fail on the element it fails on.</summary>
    object? TryProbe()
    {
        try
        {
            return Probe(1);
        }
        catch (InvalidOperationException e) when (e.InnerException is not null)
        {
            return null;
        }
    }
}
