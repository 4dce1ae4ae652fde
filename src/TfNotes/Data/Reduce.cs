namespace TfNotes.Data;

/// <summary><c>reduce(initial_state, reduce_func)</c>: <c>state = reduce_func(state, element)</c> over one pass.</summary>
internal static class Reduce
{
    internal static TState Run<T, TState>(Dataset<T> dataset, TState initial, Func<TState, T, TState> function)
    {
        var randomness = new PassRandomness();
        using var state = new FunctionState<TState>(initial, "reduce", "reduce_func");
        using var pass = dataset.OpenPass();
        while (pass.MoveNext())
        {
            var element = pass.Current;
            state.Advance(UserFunction.InStep(Structure<T>.Of.Leaves(element), () => function(state.Value, element), randomness), []);
        }
        var result = Structure<TState>.Of.Select(state.Value, t => Tensor.Unowned(t.Native.alias()));
        return UserFunction.ToCaller(result);
    }
}
