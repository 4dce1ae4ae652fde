namespace TfNotes.Data;

/// <summary>
/// The dataset a <c>flat_map</c> or <c>interleave</c> function made from one input element, with a pass over it. The
/// function runs in a step of its own (its intermediate tensors are freed when it returns) while the tensors the
/// datasets it makes capture are collected; the element and those captures are freed when the pass is disposed.
/// </summary>
internal sealed class InnerPass<T, TOut> : IDisposable
{
    readonly T element;
    readonly List<Tensor> captured;

    internal IEnumerator<TOut> Pass { get; }

    InnerPass(T element, List<Tensor> captured, IEnumerator<TOut> pass) => (this.element, this.captured, Pass) = (element, captured, pass);

    /// <summary>Calls <paramref name="function"/> on <paramref name="element"/> (which this takes over) and opens the
    /// dataset it returns with <paramref name="open"/>.</summary>
    internal static InnerPass<T, TOut> Open(T element, Func<T, Dataset<TOut>> function, PassRandomness randomness, string op, long position,
        Func<Dataset<TOut>, IEnumerator<TOut>> open)
    {
        var captured = new List<Tensor>();
        try
        {
            return new InnerPass<T, TOut>(element, captured, open(Call(element, function, randomness, op, position, captured)));
        }
        catch
        {
            Free(element, captured);
            throw;
        }
    }

    /// <summary>The function's dataset for <paramref name="element"/>; what its datasets capture goes to <paramref name="captured"/>.</summary>
    internal static Dataset<TOut> Call(T element, Func<T, Dataset<TOut>> function, PassRandomness randomness, string op, long position,
        List<Tensor> captured)
    {
        Dataset<TOut>? dataset;
        using (StepScope.Begin())
        using (Captures.Collect(captured))
        using (randomness.Enter())
        {
            try
            {
                dataset = function(element);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{op}: the function failed on element {position} (zero-based) of the pass: {e.Message}", e);
            }
        }
        return dataset ?? throw new ArgumentException($"{op}: `map_func` ({function.Method.DeclaringType?.Name}.{function.Method.Name}) " +
            "returned null; it must return a Dataset", "map_func");
    }

    static void Free(T element, List<Tensor> captured)
    {
        Structure<T>.Of.Free(element);
        foreach (var tensor in captured) tensor.Dispose();
    }

    /// <summary>The element spec of the datasets <paramref name="function"/> makes, from a zero-filled input element.</summary>
    internal static object SpecOf(Func<T, Dataset<TOut>> function, object inputSpec, string op)
    {
        var element = UserFunction.Zeros<T>(inputSpec, 1);
        var captured = new List<Tensor>();
        try
        {
            return Call(element, function, new PassRandomness(), op, -1, captured).element_spec;
        }
        finally
        {
            Free(element, captured);
        }
    }

    public void Dispose()
    {
        Pass.Dispose();
        Free(element, captured);
    }
}
