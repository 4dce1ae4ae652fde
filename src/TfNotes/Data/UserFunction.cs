namespace TfNotes.Data;

/// <summary>
/// How stages call a user's function: in a step of its own holding the arguments, so the function's intermediate
/// tensors and the arguments are freed when it returns, while what it returns is handed on.
/// </summary>
internal static class UserFunction
{
    /// <summary>Runs <paramref name="call"/> in a step holding <paramref name="arguments"/> and hands its result on.</summary>
    internal static TOut InStep<TOut>(IEnumerable<Tensor> arguments, Func<TOut> call, PassRandomness randomness)
    {
        using var step = StepScope.Begin();
        foreach (var tensor in arguments) tensor.Adopt(step);
        using var _ = randomness.Enter();
        return HandOn(call(), step);
    }

    /// <summary>What the call made leaves its step; anything else it returns (an argument, a captured tensor, a
    /// variable) is handed on as an alias.</summary>
    internal static TOut HandOn<TOut>(TOut output, StepScope step) =>
        Structure<TOut>.Of.Select(output, t => t.Owner == step ? t.keep() : Tensor.Unowned(t.Native.detach()));

    /// <summary>A zero-filled (or one-filled) element of <paramref name="spec"/>, unknown dimensions taken as
    /// <paramref name="unknownAs"/> (how a function's output spec is found, as TensorFlow traces it).</summary>
    internal static T Zeros<T>(object spec, long unknownAs, bool ones = false) => Structure<T>.Of.Build(spec, s =>
    {
        var dims = s.shape.dims.Select(d => d == TensorSpec.Unknown ? unknownAs : d).ToArray();
        return Tensor.Unowned(ones ? TorchSharp.torch.ones(dims, s.dtype.ScalarType) : TorchSharp.torch.zeros(dims, s.dtype.ScalarType));
    });

    /// <summary>Hands a result to the step open on this thread, as an op's result joins it (outside any step it is
    /// left to the garbage collector).</summary>
    internal static T ToCaller<T>(T result)
    {
        if (StepScope.Current is { } step) Structure<T>.Of.Adopt(result, step);
        return result;
    }

    /// <summary>A clear error for a function that returned null where a tensor was expected.</summary>
    internal static void NotNull<TOut>(TOut output, string op, string argument, Delegate function, string when)
    {
        if (output is null || Structure<TOut>.Of.Leaves(output).Any(t => t is null))
            throw new ArgumentException($"{op}: `{argument}` ({Name(function)}) returned null {when}; it must return " +
                $"{(typeof(TOut) == typeof(Tensor) ? "a Tensor" : $"a {Readable(typeof(TOut))} without null items")}", argument);
    }

    static string Name(Delegate function) => $"{function.Method.DeclaringType?.Name}.{function.Method.Name}";

    static string Readable(Type type) =>
        !type.IsGenericType ? type.Name
        : type.Name.StartsWith("ValueTuple") ? $"({string.Join(", ", type.GetGenericArguments().Select(Readable))})"
        : $"{type.Name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(Readable))}>";
}
