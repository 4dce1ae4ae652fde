using System.Collections;

namespace TfNotes.Data;

/// <summary>
/// A <c>tf.data.Dataset</c> whose elements are <typeparamref name="T"/>: a <see cref="Tensor"/>, a tuple of tensors
/// (so <c>foreach (var (x, y) in ds)</c> deconstructs) or a <c>Dictionary&lt;string, Tensor&gt;</c>. Make one with
/// <c>tf.data.Dataset.from_tensor_slices(…)</c> and chain transformations; nothing runs until it is iterated.
/// Iteration only (no indexing); every <c>foreach</c> is a fresh pass.
/// <para>Memory: each element handed to a <c>foreach</c> belongs to a step (see <see cref="StepScope"/>) that ends
/// when the next element is asked for or the loop ends, so the element and every tensor the loop body makes from it
/// (a <c>using var tape</c> included) are freed without user calls; call <c>keep()</c> on what must outlive its
/// iteration, or use <see cref="DatasetExtensions.as_numpy_iterator(Dataset{Tensor})"/>.</para>
/// </summary>
public abstract class Dataset<T> : IEnumerable<T>
{
    object? spec;

    private protected Dataset() => _ = Structure<T>.Of;

    /// <summary>
    /// Starts one pass. Its elements belong to the caller, who frees them or hands them on; disposing the iterator
    /// stops the pass at once and frees what it holds (buffers, queued elements, background work).
    /// </summary>
    internal abstract IEnumerator<T> OpenPass();

    /// <summary>Non-null when every element is a row of in-memory tensors (see <see cref="RowSource{T}"/>).</summary>
    internal virtual RowSource<T>? Rows => null;

    /// <summary>The number of elements: known, <c>tf.data.INFINITE_CARDINALITY</c> (-1) or <c>UNKNOWN_CARDINALITY</c> (-2).</summary>
    public abstract long cardinality();

    /// <summary>
    /// The structure of an element with a <see cref="TensorSpec"/> per tensor: a <see cref="TensorSpec"/>, a tuple of
    /// specs (e.g. <c>(TensorSpec, TensorSpec)</c>) or a <c>Dictionary&lt;string, TensorSpec&gt;</c>. After a
    /// <c>map</c> it is found by calling the function on zero-filled probes (as TensorFlow traces it).
    /// </summary>
    public object element_spec => spec ??= ComputeSpec();

    private protected abstract object ComputeSpec();

    /// <summary>
    /// <paramref name="map_func"/> applied to each element. Sequential by default; with <paramref name="num_parallel_calls"/>
    /// (a count or <c>tf.data.AUTOTUNE</c>) that many elements are in flight on worker threads, yielded in input order
    /// unless <paramref name="deterministic"/> is false (then as they complete). The input element is freed unless
    /// the function returns it. An exception in the function reaches the consumer naming the element's position.
    /// </summary>
    public Dataset<TOut> map<TOut>(Func<T, TOut> map_func, int? num_parallel_calls = null, bool deterministic = true) =>
        new MapDataset<T, TOut>(this, map_func, num_parallel_calls, deterministic);

    /// <summary>The elements for which <paramref name="predicate"/> returns a true scalar bool tensor.</summary>
    public Dataset<T> filter(Func<T, Tensor> predicate) => new FilterDataset<T>(this, e => Truth(predicate(e)));

    /// <summary>The elements for which <paramref name="predicate"/> is true.</summary>
    public Dataset<T> filter(Func<T, bool> predicate) => new FilterDataset<T>(this, predicate);

    /// <summary>Consecutive elements stacked into batches of <paramref name="batch_size"/> (a new first dimension); the
    /// last batch is smaller unless <paramref name="drop_remainder"/>.</summary>
    public Dataset<T> batch(int batch_size, bool drop_remainder = false) => new BatchDataset<T>(this, batch_size, drop_remainder);

    /// <summary>Splits each element along its first dimension into separate elements (the inverse of <c>batch</c>).</summary>
    public Dataset<T> unbatch() => new UnbatchDataset<T>(this);

    /// <summary>
    /// tf.data's buffered shuffle: fills a buffer of <paramref name="buffer_size"/> elements, yields one drawn uniformly
    /// at random and puts the next input element in its place. A buffer at least the dataset's size gives a uniform
    /// permutation. Each pass gets a new order unless <paramref name="reshuffle_each_iteration"/> is false; the same
    /// <paramref name="seed"/> gives the same sequence of orders.
    /// </summary>
    public Dataset<T> shuffle(int buffer_size, int? seed = null, bool reshuffle_each_iteration = true) =>
        new ShuffleDataset<T>(this, buffer_size, seed, reshuffle_each_iteration);

    /// <summary>The dataset <paramref name="count"/> times (-1: forever; an empty input ends at once).</summary>
    public Dataset<T> repeat(int count = -1) => new RepeatDataset<T>(this, count);

    /// <summary>At most the first <paramref name="count"/> elements (-1: all).</summary>
    public Dataset<T> take(long count) => new TakeDataset<T>(this, count);

    /// <summary>All but the first <paramref name="count"/> elements (-1: skip all).</summary>
    public Dataset<T> skip(long count) => new SkipDataset<T>(this, count);

    /// <summary>Keeps the elements in memory during the first complete pass and replays them on later passes; a pass
    /// stopped early leaves no cache.</summary>
    public Dataset<T> cache() => new CacheDataset<T>(this);

    /// <summary>Produces up to <paramref name="buffer_size"/> elements ahead on a background thread, so input preparation
    /// overlaps the consumer's work. Ending the pass stops the thread at once. <c>tf.data.AUTOTUNE</c>: a few elements
    /// ahead when the consumer's libtorch threads leave a core free, else each element when asked for (a thread could
    /// only take a core from the consumer's).</summary>
    public Dataset<T> prefetch(int buffer_size) => new PrefetchDataset<T>(this, buffer_size);

    // LINQ's First/Take/ToList enumerate through steps, which would hand out elements of ended steps: these read the
    // elements without steps, so they are the caller's like data (the garbage collector frees them).

    /// <summary>The first element (the port of <c>next(iter(ds))</c>); an empty dataset is an error.</summary>
    public T First()
    {
        using var pass = OpenPass();
        if (!pass.MoveNext()) throw new InvalidOperationException("First: the dataset has no elements");
        return pass.Current;
    }

    /// <summary>The first <paramref name="count"/> elements as ordinary values (<c>list(ds.take(n))</c>:
    /// <c>ds.Take(3).ToList()</c>).</summary>
    public IEnumerable<T> Take(int count)
    {
        using var pass = OpenPass();
        for (int i = 0; i < count && pass.MoveNext(); i++) yield return pass.Current;
    }

    /// <summary>Every element (<c>list(ds)</c>).</summary>
    public List<T> ToList() => [.. Take(int.MaxValue)];

    public T[] ToArray() => [.. Take(int.MaxValue)];

    public IEnumerator<T> GetEnumerator() => new StepEnumerator<T>(OpenPass());
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"<{GetType().Name.Split('`')[0]} element_spec={element_spec}>";

    static bool Truth(Tensor result) =>
        result.dtype == DType.Bool && result.ndim == 0 ? result.item<bool>()
        : throw new InvalidArgumentError($"filter: predicate must return a scalar bool tensor, got dtype {result.dtype} and shape {result.shape}");

    internal static void Positive(long value, string argument, string op)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(argument, value, $"{op}: {argument} must be positive");
    }

    internal static void CountOrAll(long value, string argument, string op)
    {
        if (value < -1) throw new ArgumentOutOfRangeException(argument, value, $"{op}: {argument} must be -1 (all) or a count ≥ 0");
    }
}
