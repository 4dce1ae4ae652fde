namespace TfNotes;

/// <summary>
/// <c>using static TfNotes.Binding;</c> gives the TensorFlow names a ported Python line uses: <c>tf</c> and <c>zip</c>.
/// </summary>
public static class Binding
{
    /// <summary>The <c>tf</c> of <c>import tensorflow as tf</c>.</summary>
    public static readonly TensorFlowApi tf = new();

    /// <summary>Pairs gradients with their variables for <c>optimizer.apply_gradients(zip(grads, vars))</c>.</summary>
    public static IEnumerable<(T1, T2)> zip<T1, T2>(IEnumerable<T1> first, IEnumerable<T2> second) => first.Zip(second);
}
