using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// <c>map(f, num_parallel_calls, deterministic)</c>. Each call runs in a step of its own holding the input element,
/// so the function's intermediate tensors and the input are freed when it returns; the outputs are handed on.
/// In parallel mode the input is read on the pass's thread and at most <c>num_parallel_calls</c> calls are in flight.
/// </summary>
internal sealed class MapDataset<TIn, TOut> : Dataset<TOut>
{
    readonly Dataset<TIn> input;
    readonly Func<TIn, TOut> function;
    readonly int parallelism;
    readonly bool deterministic;

    internal MapDataset(Dataset<TIn> input, Func<TIn, TOut> function, int? numParallelCalls, bool deterministic)
    {
        (this.input, this.function, this.deterministic) = (input, function, deterministic);
        parallelism = numParallelCalls switch { null => 0, DataApi.Autotune => DataApi.AutotunedParallelism, var calls => calls.Value };
        if (numParallelCalls is not null) Positive(parallelism, "num_parallel_calls", "map");
    }

    internal override IEnumerator<TOut> OpenPass() => parallelism == 0 ? Sequential() : Parallel();

    IEnumerator<TOut> Sequential()
    {
        using var pass = input.OpenPass();
        for (long position = 0; pass.MoveNext(); position++) yield return Apply(pass.Current, position);
    }

    IEnumerator<TOut> Parallel()
    {
        var inFlight = new List<Task<TOut>>(parallelism); // in input order
        using var pass = input.OpenPass();
        try
        {
            for (long position = 0; ; )
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
                yield return done.GetAwaiter().GetResult();
            }
        }
        finally
        {
            // A running call cannot be interrupted: the pass ends once they finish, and their results are freed.
            foreach (var call in inFlight)
            {
                ((IAsyncResult)call).AsyncWaitHandle.WaitOne();
                if (call.IsCompletedSuccessfully) Structure<TOut>.Of.Free(call.Result);
            }
        }
    }

    TOut Apply(TIn element, long position)
    {
        using var step = StepScope.Begin();
        Structure<TIn>.Of.Adopt(element, step);
        TOut output;
        try
        {
            output = function(element);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"map: the function failed on element {position} (zero-based) of the pass: {e.Message}", e);
        }
        // What the function made leaves its step; anything else (a captured tensor, a variable) is handed on as an alias.
        return Structure<TOut>.Of.Select(output, t => t.Owner == step ? t.keep() : Tensor.Unowned(t.Native.detach().alias()));
    }

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
