using NumSharp;

namespace TfNotes.Data;

/// <summary>
/// Element-specific conveniences: <c>map</c>/<c>filter</c> taking a tuple's items as separate parameters, as a Python
/// function of <c>(x, y)</c> does, and <c>as_numpy_iterator</c>.
/// </summary>
public static class DatasetExtensions
{
    /// <summary><c>map</c> with a function of the pair's two tensors, as a Python <c>lambda x, y: …</c>.</summary>
    public static Dataset<TOut> map<TOut>(this Dataset<(Tensor, Tensor)> dataset, Func<Tensor, Tensor, TOut> map_func,
        int? num_parallel_calls = null, bool deterministic = true) =>
        dataset.map(e => map_func(e.Item1, e.Item2), num_parallel_calls, deterministic);

    /// <summary><c>map</c> with a function of the triple's three tensors, as a Python <c>lambda x, y, z:
    /// …</c>.</summary>
    public static Dataset<TOut> map<TOut>(this Dataset<(Tensor, Tensor, Tensor)> dataset, Func<Tensor, Tensor, Tensor, TOut> map_func,
        int? num_parallel_calls = null, bool deterministic = true) =>
        dataset.map(e => map_func(e.Item1, e.Item2, e.Item3), num_parallel_calls, deterministic);

    /// <summary><c>flat_map</c> with a function of the pair's two tensors.</summary>
    public static Dataset<TOut> flat_map<TOut>(this Dataset<(Tensor, Tensor)> dataset, Func<Tensor, Tensor, Dataset<TOut>> map_func) =>
        dataset.flat_map(e => map_func(e.Item1, e.Item2));

    /// <summary><c>interleave</c> with a function of the pair's two tensors.</summary>
    public static Dataset<TOut> interleave<TOut>(this Dataset<(Tensor, Tensor)> dataset, Func<Tensor, Tensor, Dataset<TOut>> map_func,
        int cycle_length = DataApi.Autotune, int block_length = 1, int? num_parallel_calls = null, bool? deterministic = null) =>
        dataset.interleave(e => map_func(e.Item1, e.Item2), cycle_length, block_length, num_parallel_calls, deterministic);

    /// <summary><c>filter</c> with a predicate of the pair's two tensors, returning a scalar bool tensor.</summary>
    public static Dataset<(Tensor, Tensor)> filter(this Dataset<(Tensor, Tensor)> dataset, Func<Tensor, Tensor, Tensor> predicate) =>
        dataset.filter(e => predicate(e.Item1, e.Item2));

    /// <summary><c>filter</c> with a predicate of the pair's two tensors, returning a .NET bool.</summary>
    public static Dataset<(Tensor, Tensor)> filter(this Dataset<(Tensor, Tensor)> dataset, Func<Tensor, Tensor, bool> predicate) =>
        dataset.filter(e => predicate(e.Item1, e.Item2));

    /// <summary>Each distinct element once, where it first occurs (int32 or int64 elements, as TensorFlow's).</summary>
    public static Dataset<Tensor> unique(this Dataset<Tensor> dataset) => new UniqueDataset(dataset);

    /// <summary>The elements as NumSharp arrays (copies); each element's tensors are freed once converted.</summary>
    public static IEnumerable<NDArray> as_numpy_iterator(this Dataset<Tensor> dataset) => Converted(dataset, t => t.numpy());

    /// <summary>The pairs as NumSharp arrays (copies); each element's tensors are freed once converted.</summary>
    public static IEnumerable<(NDArray, NDArray)> as_numpy_iterator(this Dataset<(Tensor, Tensor)> dataset) =>
        Converted(dataset, e => (e.Item1.numpy(), e.Item2.numpy()));

    /// <summary>The triples as NumSharp arrays (copies); each element's tensors are freed once converted.</summary>
    public static IEnumerable<(NDArray, NDArray, NDArray)> as_numpy_iterator(this Dataset<(Tensor, Tensor, Tensor)> dataset) =>
        Converted(dataset, e => (e.Item1.numpy(), e.Item2.numpy(), e.Item3.numpy()));

    /// <summary>The dictionaries as NumSharp arrays (copies); each element's tensors are freed once
    /// converted.</summary>
    public static IEnumerable<Dictionary<string, NDArray>> as_numpy_iterator(this Dataset<Dictionary<string, Tensor>> dataset) =>
        Converted(dataset, e => e.ToDictionary(kv => kv.Key, kv => kv.Value.numpy()));

    static IEnumerable<TOut> Converted<T, TOut>(Dataset<T> dataset, Func<T, TOut> convert)
    {
        using var pass = dataset.OpenPass();
        while (pass.MoveNext())
        {
            TOut converted;
            try { converted = convert(pass.Current); }
            finally { Structure<T>.Of.Free(pass.Current); }
            yield return converted;
        }
    }
}
