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
public abstract class Dataset<T> : IEnumerable<T>, IDataset
{
    object? spec;

    IEnumerator IDataset.OpenPass() => OpenPass();
    Structure IDataset.Structure => Structure<T>.Of;

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

    /// <summary>
    /// Like <c>batch</c>, with each component first padded at the end of each dimension to its padded shape: a
    /// <see cref="Shape"/>, an array of dimensions or a length per component (in the elements' structure, e.g. a tuple),
    /// -1 padding to the batch's largest; by default every unknown dimension pads to the largest. Padding values are
    /// scalars per component, a .NET number taking the component's dtype (default 0).
    /// </summary>
    public Dataset<T> padded_batch(int batch_size, object? padded_shapes = null, object? padding_values = null, bool drop_remainder = false) =>
        new PaddedBatchDataset<T>(this, batch_size, padded_shapes, padding_values, drop_remainder);

    /// <summary>
    /// Windows of <paramref name="size"/> elements, each a dataset: window i holds elements <c>i·shift + k·stride</c>
    /// (<paramref name="shift"/> defaults to the size); the last windows are shorter unless
    /// <paramref name="drop_remainder"/>. Use <c>flat_map(w => w.batch(size))</c> to make tensors of them. A window of
    /// tuple elements is one dataset of tuples (TensorFlow gives a tuple of datasets, which <c>zip</c> makes into this).
    /// </summary>
    public Dataset<Dataset<T>> window(long size, long? shift = null, long stride = 1, bool drop_remainder = false) =>
        new WindowDataset<T>(this, size, shift, stride, drop_remainder);

    /// <summary>The elements of the dataset <paramref name="map_func"/> makes from each element, one dataset after the
    /// other. Datasets it makes live for one pass over their elements.</summary>
    public Dataset<TOut> flat_map<TOut>(Func<T, Dataset<TOut>> map_func) => new FlatMapDataset<T, TOut>(this, map_func);

    /// <summary>
    /// The elements of the datasets <paramref name="map_func"/> makes from each element, interleaved: <paramref name="cycle_length"/>
    /// of them open at once (<c>AUTOTUNE</c>: the cores), <paramref name="block_length"/> consecutive elements taken
    /// from each in turn, as TensorFlow orders them. With <paramref name="num_parallel_calls"/>, each open dataset is
    /// read ahead on a thread of its own, in the same order (<paramref name="deterministic"/> false allows, but does
    /// not make, another order).
    /// </summary>
    public Dataset<TOut> interleave<TOut>(Func<T, Dataset<TOut>> map_func, int cycle_length = DataApi.Autotune, int block_length = 1,
        int? num_parallel_calls = null, bool? deterministic = null) =>
        new InterleaveDataset<T, TOut>(this, map_func, cycle_length, block_length, num_parallel_calls);

    /// <summary>The rows of the batches regrouped into batches of <paramref name="batch_size"/> (as <c>unbatch().batch(n)</c>).</summary>
    public Dataset<T> rebatch(int batch_size, bool drop_remainder = false) => new RebatchDataset<T>(this, [batch_size], drop_remainder);

    /// <summary>The rows of the batches regrouped into batches of the sizes <paramref name="batch_size"/> in turn.</summary>
    public Dataset<T> rebatch(int[] batch_size, bool drop_remainder = false) => new RebatchDataset<T>(this, batch_size, drop_remainder);

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

    /// <summary>The dataset <paramref name="count"/> times (any negative count, e.g. -1: forever; an empty input ends at once).</summary>
    public Dataset<T> repeat(int count = -1) => new RepeatDataset<T>(this, count);

    /// <summary>At most the first <paramref name="count"/> elements (-1: all).</summary>
    public Dataset<T> take(long count) => new TakeDataset<T>(this, count);

    /// <summary>All but the first <paramref name="count"/> elements (-1: skip all).</summary>
    public Dataset<T> skip(long count) => new SkipDataset<T>(this, count);

    /// <summary>Keeps the elements during the first complete pass and replays them on later passes: in memory, or with a
    /// <paramref name="filename"/> in that file, which later passes and other datasets or processes given the same
    /// file read instead of running the input. A pass stopped early (or killed) leaves no cache.</summary>
    public Dataset<T> cache(string filename = "") => filename == "" ? new CacheDataset<T>(this) : new FileCacheDataset<T>(this, filename);

    /// <summary>Produces up to <paramref name="buffer_size"/> elements ahead on a background thread, so input preparation
    /// overlaps the consumer's work. Ending the pass stops the thread at once. <c>tf.data.AUTOTUNE</c>: a few elements
    /// ahead when the consumer's libtorch threads leave a core free, else each element when asked for (a thread could
    /// only take a core from the consumer's). 0: no prefetching.</summary>
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

    /// <summary>Every element, as an array (<c>list(ds)</c>).</summary>
    public T[] ToArray() => [.. Take(int.MaxValue)];

    /// <summary>
    /// <c>state = reduce_func(state, element)</c> over the elements, from <paramref name="initial_state"/> (a tensor
    /// or a tuple or dictionary of them); each new state must have the initial state's dtypes. The result joins the
    /// step open on this thread, as an op's result does.
    /// </summary>
    public TState reduce<TState>(TState initial_state, Func<TState, T, TState> reduce_func) => Reduce.Run(this, initial_state, reduce_func);

    /// <summary><c>(state, output) = scan_func(state, element)</c> for each element in turn from
    /// <paramref name="initial_state"/>, yielding the outputs (a running reduce); each pass starts again.</summary>
    public Dataset<TOut> scan<TState, TOut>(TState initial_state, Func<TState, T, (TState, TOut)> scan_func) =>
        new ScanDataset<T, TState, TOut>(this, Captured(initial_state), scan_func);

    /// <summary>Pairs <c>(index, element)</c>, the index an int64 scalar counting from <paramref name="start"/>.</summary>
    public Dataset<(Tensor, T)> enumerate(long start = 0) =>
        new ZipDataset<(Tensor, T)>(new RangeDataset(start, long.MaxValue, 1, DType.Int64, "enumerate"), this);

    /// <summary>The only element; <see cref="InvalidArgumentError"/> when the dataset is empty or has more. The element
    /// joins the step open on this thread.</summary>
    public T get_single_element() => SingleElement.Of(this);

    /// <summary>Iterates one pass over the elements (<c>for x in ds:</c>).</summary>
    public IEnumerator<T> GetEnumerator() => new StepEnumerator<T>(OpenPass());
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>TensorFlow's repr form, <c>&lt;TensorSlicesDataset element_spec=…&gt;</c>, with this dataset's class
    /// name.</summary>
    public override string ToString() => $"<{GetType().Name.Split('`')[0]} element_spec={element_spec}>";

    static bool Truth(Tensor result) =>
        result.dtype == DType.Bool && result.ndim == 0 ? Tensor.BoolItem(result.Native)
        : throw new InvalidArgumentError($"filter: predicate must return a scalar bool tensor, got dtype {result.dtype} and shape {result.shape}");

    /// <summary>The dataset's own handles on a structure of tensors it was given (see <see cref="DatasetSources"/>).</summary>
    static TValue Captured<TValue>(TValue value) => Structure<TValue>.Of.Select(value, DatasetSources.Captured);

    internal static void Positive(long value, string argument, string op)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(argument, value, $"{op}: {argument} must be positive");
    }

    internal static void CountOrAll(long value, string argument, string op)
    {
        if (value < -1) throw new ArgumentOutOfRangeException(argument, value, $"{op}: {argument} must be -1 (all) or a count ≥ 0");
    }
}
