using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary><c>reduce</c>, <c>scan</c>, <c>get_single_element</c>, <c>enumerate</c>, <c>range(output_type)</c> and
/// <c>Counter</c>, against the examples of TensorFlow's API docs.</summary>
public class ReduceAndScanTests
{
    [Fact]
    public void Reduce_counts_and_sums_as_in_the_api_docs()
    {
        var count = tf.data.Dataset.range(5).reduce(tf.constant(0L), (x, _) => x + tf.constant(1L));
        var sum = tf.data.Dataset.range(5).reduce(tf.constant(0L), (x, y) => x + y);
        Assert.Equal((5L, 10L), ((long)count, (long)sum));
        Assert.Equal(tf.int64, sum.dtype);
        Assert.Equal(0L, (long)tf.data.Dataset.range(0).reduce(tf.constant(0L), (x, y) => x + y)); // the initial state
    }

    [Fact]
    public void Reduce_with_a_tuple_state_and_a_state_whose_shape_changes()
    {
        var xs = tf.data.Dataset.from_tensor_slices(new[] { 1f, 2f, 4f });
        var (total, n) = xs.reduce((tf.constant(0f), tf.constant(0)), (s, x) => (s.Item1 + x, s.Item2 + tf.constant(1)));
        Assert.Equal((7f, 3), ((float)total, (int)n));
        var grown = tf.data.Dataset.range(3).reduce(tf.zeros(new Shape(0), tf.int64), (s, x) => tf.concat([s, tf.reshape(x, new Shape(1))], 0));
        Assert.Equal([0L, 1, 2], grown.ToArray<long>());
    }

    [Fact]
    public void A_new_state_of_another_dtype_is_rejected_as_TensorFlow_does()
    {
        var e = Assert.Throws<ArgumentException>(() => tf.data.Dataset.range(3).reduce(tf.constant(0), (s, x) => tf.cast(x, tf.float32)));
        Assert.Equal("reduce: The element types for the new state must match the initial state. Expected tf.int32; got tf.float32. (Parameter 'reduce_func')", e.Message);
        var scan = tf.data.Dataset.range(3).scan(tf.constant(0L), (s, x) => (tf.cast(s, tf.float32), x));
        Assert.Contains("Expected tf.int64; got tf.float32", Assert.Throws<ArgumentException>(() => scan.ToList()).Message);
    }

    [Fact]
    public void Scan_yields_running_sums_and_restarts_on_each_pass()
    {
        var ds = tf.data.Dataset.range(10).scan(tf.constant(0L), (state, i) => (state + i, state + i));
        long[] expected = [0, 1, 3, 6, 10, 15, 21, 28, 36, 45];
        Assert.Equal(expected, ds.Longs());
        Assert.Equal(expected, ds.Longs());
        Assert.Equal(10, ds.cardinality());
        Assert.Equal(new TensorSpec(new Shape(Array.Empty<long>()), tf.int64), ds.element_spec);
        var previous = tf.data.Dataset.range(1, 4).scan(tf.constant(100L), (state, i) => (i, (state, i)));
        Assert.Equal([(100L, 1L), (1, 2), (2, 3)], previous.Select(e => ((long)e.Item1, (long)e.Item2)).ToList());
    }

    [Fact]
    public void Get_single_element_gives_the_only_element_and_names_the_other_cases()
    {
        var (x, y) = tf.data.Dataset.from_tensors((tf.constant(new[] { 1, 2 }), tf.constant(3f))).get_single_element();
        Assert.Equal([1, 2], x.ToArray<int>());
        Assert.Equal(3f, (float)y);
        Assert.Equal("get_single_element: Dataset was empty.",
            Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.range(0).get_single_element()).Message);
        Assert.Equal("get_single_element: Dataset had more than one element.",
            Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.range(2).get_single_element()).Message);
    }

    [Fact]
    public void Enumerate_pairs_an_int64_index_with_each_element()
    {
        var ds = tf.data.Dataset.from_tensor_slices(new[] { 1, 2, 3 }).enumerate(start: 5);
        Assert.Equal([(5L, 1), (6, 2), (7, 3)], ds.Select(e => ((long)e.Item1, (int)e.Item2)).ToList());
        Assert.Equal(3, ds.cardinality());
        var rows = tf.data.Dataset.from_tensor_slices(new[,] { { 7, 8 }, { 9, 10 } }).enumerate();
        var seen = new List<string>();
        foreach (var (i, row) in rows) seen.Add($"{(long)i}: {string.Join(" ", row.ToArray<int>())}");
        Assert.Equal(["0: 7 8", "1: 9 10"], seen);
        Assert.Equal((new TensorSpec(new Shape(Array.Empty<long>()), tf.int64), new TensorSpec(new Shape(2), tf.int32)), rows.element_spec);
        // TensorFlow zips with range(start, int64 max): an infinite input gives that range's cardinality.
        Assert.Equal(long.MaxValue - 5, tf.data.Dataset.range(3).repeat().enumerate(start: 5).cardinality());
    }

    [Fact]
    public void Range_takes_an_output_type_and_Counter_counts_without_end()
    {
        var floats = tf.data.Dataset.range(1, 5, 2, output_type: tf.float32);
        Assert.Equal([1f, 3f], floats.Select(t => (float)t).ToList());
        Assert.Equal(tf.float32, ((TensorSpec)floats.element_spec).dtype);
        Assert.Equal([0, 1, 2], tf.data.Dataset.range(3, tf.int32).Select(t => t.item<int>()).ToList());
        Assert.Equal(1L << 62, tf.data.Dataset.range(long.MinValue, long.MaxValue, 4).cardinality());

        var counter = tf.data.experimental.Counter(start: 2, step: -3);
        Assert.Equal([2L, -1, -4], counter.take(3).Longs());
        Assert.Equal(tf.data.INFINITE_CARDINALITY, counter.cardinality());
        Assert.Equal(tf.int32, ((TensorSpec)tf.data.experimental.Counter(dtype: tf.int32).element_spec).dtype);
    }
}
