namespace TfNotes.Data;

/// <summary>
/// The state that <c>scan</c> and <c>reduce</c> carry from one call of their function to the next: handles of their
/// own (the initial state's aliases, then what each call returned), so the caller's initial tensors and the
/// elements handed on are never freed with it. As in TensorFlow, each new state must have the initial state's dtypes
/// (shapes may change).
/// </summary>
internal sealed class FunctionState<TState> : IDisposable
{
    readonly DType[] dtypes;
    readonly string op, argument;

    internal TState Value { get; private set; }

    internal FunctionState(TState initial, string op, string argument)
    {
        (this.op, this.argument) = (op, argument);
        Value = Structure<TState>.Of.Select(initial, t => Tensor.Unowned(t.Native.detach()));
        dtypes = Structure<TState>.Of.Leaves(Value).Select(t => t.dtype).ToArray();
    }

    /// <summary>Makes <paramref name="next"/> (a call's result, handed on from its step) the state, freeing the previous
    /// one; a tensor that is also in <paramref name="output"/> (handed to the consumer) is kept as an alias of its own.</summary>
    internal void Advance(TState next, IEnumerable<Tensor> output)
    {
        var handedOut = output.ToHashSet(ReferenceEqualityComparer.Instance);
        var got = Structure<TState>.Of.Leaves(next).Select(t => t.dtype).ToArray();
        if (!got.SequenceEqual(dtypes))
        {
            foreach (var t in Structure<TState>.Of.Leaves(next)) if (!handedOut.Contains(t)) t.Dispose();
            throw new ArgumentException($"{op}: The element types for the new state must match the initial state. " +
                $"Expected {Types(dtypes)}; got {Types(got)}.", argument);
        }
        var own = Structure<TState>.Of.Select(next, t => handedOut.Contains(t) ? Tensor.Unowned(t.Native.alias()) : t);
        Structure<TState>.Of.Free(Value);
        Value = own;
    }

    static string Types(DType[] types) => types.Length == 1 ? $"tf.{types[0]}" : $"({string.Join(", ", types.Select(t => $"tf.{t}"))})";

    public void Dispose() => Structure<TState>.Of.Free(Value);
}
