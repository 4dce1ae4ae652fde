namespace TfNotes.Data;

/// <summary>
/// <c>scan(initial_state, scan_func)</c>: <c>(state, output) = scan_func(state, element)</c> for each element in turn,
/// yielding the outputs; each pass starts again from the initial state.
/// </summary>
internal sealed class ScanDataset<T, TState, TOut>(Dataset<T> input, TState initial, Func<TState, T, (TState, TOut)> function) : Dataset<TOut>
{
    internal override IEnumerator<TOut> OpenPass()
    {
        var randomness = new PassRandomness();
        using var state = new FunctionState<TState>(initial, "scan", "scan_func");
        using var pass = input.OpenPass();
        while (pass.MoveNext())
        {
            var element = pass.Current;
            var (next, output) = UserFunction.InStep(Structure<T>.Of.Leaves(element), () => function(state.Value, element), randomness);
            try
            {
                state.Advance(next, Structure<TOut>.Of.Leaves(output));
            }
            catch
            {
                Structure<TOut>.Of.Free(output);
                throw;
            }
            yield return output;
        }
    }

    public override long cardinality() => input.cardinality();

    private protected override object ComputeSpec()
    {
        object Probe(long unknownAs)
        {
            var element = UserFunction.Zeros<T>(input.element_spec, unknownAs);
            using var state = new FunctionState<TState>(initial, "scan", "scan_func");
            var (next, output) = UserFunction.InStep(Structure<T>.Of.Leaves(element), () => function(state.Value, element), new PassRandomness());
            var spec = Structure<TOut>.Of.Spec(output);
            Structure<TState>.Of.Free(next);
            Structure<TOut>.Of.Free(output);
            return spec;
        }
        return Structure<TOut>.Of.ZipSpecs(Probe(1), Probe(2), TensorSpec.Merge);
    }
}
