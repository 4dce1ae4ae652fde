using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary><c>window</c>, <c>flat_map</c> and <c>interleave</c>, with the examples of TensorFlow's API docs.</summary>
public class WindowAndInterleaveTests
{
    static List<long[]> Windows(Dataset<Dataset<Tensor>> windows)
    {
        var all = new List<long[]>();
        foreach (var window in windows) all.Add(window.Longs().ToArray());
        return all;
    }

    [Fact]
    public void Window_groups_elements_with_size_shift_stride_and_drop_remainder()
    {
        var ds = tf.data.Dataset.range(7);
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L]], Windows(ds.window(3)));
        Assert.Equal([[0L, 1, 2], [3L, 4, 5]], Windows(ds.window(3, drop_remainder: true)));
        Assert.Equal([[0L, 1, 2], [2L, 3, 4], [4L, 5, 6]], Windows(ds.window(3, 2, 1, true)));
        Assert.Equal([[0L, 2, 4], [1L, 3, 5], [2L, 4, 6]], Windows(ds.window(3, 1, 2, true)));
        Assert.Equal([[0L, 1, 2], [1L, 2, 3], [2L, 3, 4], [3L, 4, 5], [4L, 5, 6], [5L, 6], [6L]], Windows(ds.window(3, shift: 1)));
        Assert.Equal([[0L, 1], [5L, 6]], Windows(ds.window(2, shift: 5))); // elements between windows are skipped
    }

    [Fact]
    public void Window_cardinality_and_spec_are_TensorFlows()
    {
        var ds = tf.data.Dataset.range(7);
        Assert.Equal([3L, 2, 3, 3, 7, 2], new[] { ds.window(3), ds.window(3, drop_remainder: true), ds.window(3, 2, 1, true),
            ds.window(3, 1, 2, true), ds.window(3, shift: 1), ds.window(2, shift: 5) }.Select(w => w.cardinality()));
        var spec = Assert.IsType<DatasetSpec>(ds.window(3).element_spec);
        Assert.Equal("DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([]))", spec.ToString());
        foreach (var window in ds.window(3).take(1))
            Assert.Equal("<Window element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>", window.ToString());
        Assert.Contains("Window size must be greater than zero, but got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => ds.window(0)).Message);
    }

    [Fact]
    public void Flat_map_of_windows_batches_each_window()
    {
        var ds = tf.data.Dataset.range(7).window(3, shift: 1, drop_remainder: true).flat_map(w => w.batch(3));
        Assert.Equal([[0L, 1, 2], [1L, 2, 3], [2L, 3, 4], [3L, 4, 5], [4L, 5, 6]], ds.Select(b => b.ToArray<long>()).ToList());
        Assert.Equal(new TensorSpec(new Shape(-1), tf.int64), ds.element_spec);
        Assert.Equal(tf.data.UNKNOWN_CARDINALITY, ds.cardinality());
        var pairs = tf.data.Dataset.zip(tf.data.Dataset.range(4), tf.data.Dataset.range(10, 14)).window(2).flat_map(w => w.batch(2));
        Assert.Equal([([0L, 1], [10L, 11]), ([2L, 3], [12L, 13])], pairs.Select(p => (p.Item1.ToArray<long>(), p.Item2.ToArray<long>())).ToList(),
            new ArraysComparer());
        Assert.Contains("flat_map(w => w.batch(n))", Assert.Throws<NotSupportedException>(() => tf.data.Dataset.range(7).window(3).batch(2)).Message);
    }

    sealed class ArraysComparer : IEqualityComparer<(long[], long[])>
    {
        public bool Equals((long[], long[]) a, (long[], long[]) b) => a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2);
        public int GetHashCode((long[], long[]) p) => 0;
    }

    [Fact]
    public void Flat_map_flattens_the_datasets_made_from_each_element()
    {
        var ds = tf.data.Dataset.from_tensor_slices(new[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }).flat_map(tf.data.Dataset.from_tensor_slices);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], ds.Select(t => (int)t).ToList());
        var repeated = tf.data.Dataset.range(1, 4).flat_map(x => tf.data.Dataset.from_tensors(x * tf.constant(10L)).repeat((int)(long)x));
        Assert.Equal([10L, 20, 20, 30, 30, 30], repeated.Longs());
        var e = Assert.Throws<ArgumentException>(() => tf.data.Dataset.range(2).flat_map<Tensor>(x => null!).ToList());
        Assert.Contains("`map_func`", e.Message);
    }

    [Fact]
    public void Interleave_takes_blocks_from_a_cycle_of_datasets_in_TensorFlows_order()
    {
        var ds = tf.data.Dataset.range(1, 6).interleave(x => tf.data.Dataset.from_tensors(x).repeat(6), cycle_length: 2, block_length: 4);
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5], ds.Longs());
        // Datasets of different lengths: an ended one is replaced in its place by the next input element's (the order of
        // TensorFlow's interleave kernel, followed by hand).
        var uneven = tf.data.Dataset.range(1, 5).map(x => x);
        Dataset<Tensor> Copies(Tensor x) => tf.data.Dataset.from_tensors(x).repeat((int)(long)x);
        Assert.Equal([1L, 2, 2, 3, 3, 4, 3, 4, 4, 4], uneven.interleave(Copies, cycle_length: 2).Longs());
        Assert.Equal([1L, 2, 2, 3, 3, 4, 4, 3, 4, 4], uneven.interleave(Copies, cycle_length: 3, block_length: 2).Longs());
        Assert.Equal(new TensorSpec(new Shape(Array.Empty<long>()), tf.int64), ds.element_spec);
    }

    [Fact]
    public void Parallel_interleave_gives_the_same_order()
    {
        Dataset<Tensor> Copies(Tensor x) => tf.data.Dataset.from_tensors(x).repeat((int)(long)x).map(v => v * tf.constant(2L));
        var source = tf.data.Dataset.range(1, 8);
        var sequential = source.interleave(Copies, cycle_length: 3, block_length: 2).Longs();
        Assert.Equal(sequential, source.interleave(Copies, cycle_length: 3, block_length: 2, num_parallel_calls: tf.data.AUTOTUNE).Longs());
        Assert.Equal(sequential, source.interleave(Copies, cycle_length: 3, block_length: 2, num_parallel_calls: 2, deterministic: false).Longs());
        Assert.Equal(28, sequential.Count);
        Assert.Equal(0, PrefetchThreads.Running);
    }
}
