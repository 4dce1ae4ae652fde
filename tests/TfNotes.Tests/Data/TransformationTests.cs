using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

public class TransformationTests
{
    static Dataset<Tensor> Range(long n) => tf.data.Dataset.range(n);

    [Fact]
    public void Map_applies_the_function_in_order()
    {
        Assert.Equal([0L, 10, 20, 30], Range(4).map(x => x * tf.constant(10L)).Longs());
    }

    [Fact]
    public void Map_on_pairs_takes_the_items_as_parameters()
    {
        var ds = tf.data.Dataset.from_tensor_slices((new[] { 1f, 2f }, new[] { 3, 4 }))
            .map((x, y) => (x * 2, y + tf.constant(1)));
        Assert.Equal([(2f, 4), (4f, 5)], ds.Select(e => ((float)e.Item1, (int)e.Item2)).ToList());
    }

    [Fact]
    public void Parallel_deterministic_map_keeps_input_order_even_when_early_elements_are_slow()
    {
        var ds = Range(12).map(x => { if ((long)x % 4 == 0) Thread.Sleep(30); return x * tf.constant(3L); },
            num_parallel_calls: 4, deterministic: true);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => 3L * i).ToList(), ds.Longs());
    }

    [Fact]
    public void Parallel_nondeterministic_map_yields_as_calls_complete()
    {
        using var thirdDone = new ManualResetEventSlim();
        var ds = Range(8).map(x =>
        {
            if ((long)x == 3) thirdDone.Set();
            if ((long)x == 0) { thirdDone.Wait(TimeSpan.FromSeconds(10)); Thread.Sleep(100); } // finishes after 1, 2 and 3
            return x;
        }, num_parallel_calls: 4, deterministic: false);
        var order = ds.Longs();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), order.Order());
        Assert.NotEqual(0L, order[0]);
    }

    [Fact]
    public void Parallel_map_keeps_at_most_num_parallel_calls_in_flight()
    {
        int running = 0, peak = 0;
        var ds = Range(20).map(x =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return x;
        }, num_parallel_calls: 3);
        Assert.Equal(20, ds.Longs().Count);
        Assert.InRange(peak, 1, 3);
    }

    static void InterlockedMax(ref int target, int value)
    {
        for (int seen = target; value > seen; seen = target) Interlocked.CompareExchange(ref target, value, seen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void An_exception_in_map_names_the_position_and_keeps_the_original(int? parallel)
    {
        var ds = Range(10).map(x => (long)x == 6 ? throw new FormatException("bad pixel") : x, num_parallel_calls: parallel);
        var seen = new List<long>();
        var e = Assert.Throws<InvalidOperationException>(() => { foreach (var x in ds) seen.Add((long)x); });
        Assert.Contains("element 6", e.Message);
        Assert.IsType<FormatException>(e.InnerException);
        Assert.Equal([0L, 1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public void Map_returning_its_input_or_a_captured_tensor_is_safe()
    {
        var constant = tf.constant(new[] { 7, 7 });
        var ds = tf.data.Dataset.from_tensor_slices(new[] { 1, 2, 3 }).map(x => (x, constant));
        Assert.Equal([(1, 7), (2, 7), (3, 7)], ds.Select(e => ((int)e.Item1, e.Item2.ToArray<int>()[0])).ToList());
        Assert.Equal([7, 7], constant.ToArray<int>()); // not freed by the pipeline
    }

    [Fact]
    public void Map_element_spec_is_found_by_probing_and_batch_dimension_stays_unknown()
    {
        var ds = tf.data.Dataset.from_tensor_slices(tf.zeros(new Shape(10, 28, 28), tf.uint8)).batch(4)
            .map(x => tf.reshape(tf.cast(x, tf.float32), new Shape(-1, 784)));
        Assert.Equal("TensorSpec(shape=(None, 784), dtype=tf.float32, name=None)", ds.element_spec.ToString());
    }

    [Fact]
    public void Filter_keeps_elements_whose_predicate_holds()
    {
        Assert.Equal([0L, 3, 6, 9], Range(10).filter(x => (long)x % 3 == 0).Longs());
        Assert.Equal([2L, 3], Range(4).filter(x => tf.equal(tf.minimum(x, tf.constant(2L)), tf.constant(2L))).Longs());
        var pairs = tf.data.Dataset.from_tensor_slices((new[] { 1, 2, 3 }, new[] { 0, 1, 0 })).filter((x, y) => (int)y == 0);
        Assert.Equal([1, 3], pairs.Select(e => (int)e.Item1).ToList());
    }

    [Fact]
    public void Filter_predicate_must_give_a_scalar_bool()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Range(3).filter(x => x).Longs());
        Assert.Contains("scalar bool", e.InnerException!.Message);
    }

    [Fact]
    public void Batch_stacks_and_keeps_a_short_last_batch_unless_dropped()
    {
        var ds = Range(10).map(x => tf.stack([x, x]));
        var shapes = ds.batch(4).Select(b => b.shape).ToList();
        Assert.Equal([new Shape(4, 2), new Shape(4, 2), new Shape(2, 2)], shapes);
        Assert.Equal([new Shape(4, 2), new Shape(4, 2)], ds.batch(4, drop_remainder: true).Select(b => b.shape).ToList());
        Assert.Equal([8L, 8, 9, 9], ds.batch(4).Select(b => b.ToArray<long>()).ToList()[^1]);
        Assert.Equal("TensorSpec(shape=(None, 2), dtype=tf.int64, name=None)", ds.batch(4).element_spec.ToString());
        Assert.Equal("TensorSpec(shape=(4, 2), dtype=tf.int64, name=None)", ds.batch(4, true).element_spec.ToString());
    }

    [Fact]
    public void Batch_of_slices_gathers_the_same_values_as_stacking()
    {
        var x = tf.reshape(tf.range(0, 30), new Shape(10, 3));
        var y = tf.range(100, 110);
        var gathered = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(10, seed: 5).batch(4)
            .as_numpy_iterator().Select(b => string.Join(",", b.Item1.ToArray<int>()) + "|" + string.Join(",", b.Item2.ToArray<int>())).ToList();
        var stacked = tf.data.Dataset.from_tensor_slices((x, y)).map((a, b) => (a, b)).shuffle(10, seed: 5).batch(4)
            .as_numpy_iterator().Select(b => string.Join(",", b.Item1.ToArray<int>()) + "|" + string.Join(",", b.Item2.ToArray<int>())).ToList();
        Assert.Equal(3, gathered.Count);
        Assert.Equal(stacked, gathered);
        Assert.Equal(Enumerable.Range(100, 10), gathered.SelectMany(b => b.Split('|')[1].Split(',').Select(int.Parse)).Order());
    }

    [Fact]
    public void Batch_of_different_shapes_names_the_component_and_shapes()
    {
        var ds = tf.data.Dataset.range(1, 4).map(n => tf.zeros(new Shape((int)(long)n)));
        var e = Assert.Throws<InvalidArgumentError>(() => ds.batch(2).ToList());
        Assert.Contains("component 0", e.Message);
        Assert.Contains("[1]", e.Message);
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void A_batch_size_beyond_the_elements_batches_the_elements_there_are()
    {
        var rows = tf.data.Dataset.from_tensor_slices(new long[] { 1, 2, 3 });
        foreach (var ds in new[] { Range(5), rows, rows.map(x => x + tf.constant(1L)) })
        {
            var batches = ds.batch(int.MaxValue).Select(b => (b.shape, b.dtype, b.ToArray<long>())).ToList();
            var (shape, dtype, values) = Assert.Single(batches);
            Assert.Equal(new Shape(values.Length), shape);
            Assert.Equal(tf.int64, dtype);
        }
        Assert.Equal([0L, 1, 2], Range(3).prefetch(int.MaxValue).Longs());
        Assert.Equal(1, Range(5).batch(int.MaxValue).cardinality());
    }

    [Fact]
    public void Unbatch_is_the_inverse_of_batch()
    {
        var ds = tf.data.Dataset.from_tensor_slices((new[] { 1, 2, 3, 4, 5 }, new[] { 5, 4, 3, 2, 1 })).batch(2).unbatch();
        Assert.Equal([(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)], ds.Select(e => ((int)e.Item1, (int)e.Item2)).ToList());
        Assert.Equal(tf.data.UNKNOWN_CARDINALITY, ds.cardinality());
        Assert.Equal("(TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None))",
            ds.element_spec.ToString());
    }

    [Fact]
    public void Repeat_take_and_skip()
    {
        Assert.Equal([0L, 1, 2, 0, 1, 2], Range(3).repeat(2).Longs());
        Assert.Equal([0L, 1, 2, 0, 1, 2, 0], Range(3).repeat().take(7).Longs());
        Assert.Empty(Range(0).repeat().Longs()); // repeating nothing ends instead of hanging
        Assert.Equal([0L, 1, 2], Range(3).take(-1).Longs());
        Assert.Equal([3L, 4], Range(5).skip(3).Longs());
        Assert.Empty(Range(5).skip(-1).Longs());
        Assert.Equal([2L, 3], Range(10).skip(2).take(2).Longs());
    }

    [Fact]
    public void Take_does_not_read_the_input_further()
    {
        int calls = 0;
        var ds = Range(100).map(x => { calls++; return x; }).take(3);
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there
        Assert.Equal(3, ds.Longs().Count);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Cache_replays_a_complete_pass_without_calling_the_input_again()
    {
        int calls = 0;
        var ds = Range(4).map(x => { Interlocked.Increment(ref calls); return x * tf.constant(2L); }).cache();
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there
        Assert.Equal([0L, 2, 4, 6], ds.Longs());
        Assert.Equal([0L, 2, 4, 6], ds.Longs());
        Assert.Equal(4, calls);
    }

    [Fact]
    public void Cache_discards_a_partial_pass()
    {
        int calls = 0;
        var ds = Range(4).map(x => { Interlocked.Increment(ref calls); return x; }).cache();
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there
        Assert.Equal([0L, 1], ds.take(2).Longs());
        Assert.Equal([0L, 1, 2, 3], ds.Longs()); // not a truncated replay
        Assert.Equal(6, calls);
        Assert.Equal([0L, 1, 2, 3], ds.Longs());
        Assert.Equal(6, calls);
    }

    [Fact]
    public void The_prefetch_thread_runs_its_ops_on_itself_not_on_a_team_of_its_own()
    {
        var counts = Range(3).map(_ => tf.constant((long)TorchSharp.torch.get_num_threads())).prefetch(2).Longs();

        Assert.Equal([1L, 1, 1], counts);
    }

    [Fact]
    public void Each_foreach_is_a_fresh_pass()
    {
        var ds = Range(3).map(x => x * tf.constant(2L));
        Assert.Equal(ds.Longs(), ds.Longs());
        using var a = ds.GetEnumerator();
        using var b = ds.GetEnumerator();
        Assert.True(a.MoveNext() && a.MoveNext());
        Assert.True(b.MoveNext());
        Assert.Equal(0L, (long)b.Current);
    }

    [Fact]
    public void As_numpy_iterator_yields_copies()
    {
        var arrays = tf.data.Dataset.from_tensor_slices(new float[,] { { 1, 2 }, { 3, 4 } }).as_numpy_iterator().ToList();
        Assert.Equal(2, arrays.Count);
        Assert.Equal([3f, 4f], arrays[1].ToArray<float>());
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_the_argument()
    {
        var ds = Range(3);
        Assert.Equal("batch_size", Assert.Throws<ArgumentOutOfRangeException>(() => ds.batch(0)).ParamName);
        Assert.Equal("buffer_size", Assert.Throws<ArgumentOutOfRangeException>(() => ds.shuffle(-1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => ds.take(-2)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => ds.skip(-2)).ParamName);
        Assert.Equal("buffer_size", Assert.Throws<ArgumentOutOfRangeException>(() => ds.prefetch(-2)).ParamName);
        Assert.Equal("num_parallel_calls", Assert.Throws<ArgumentOutOfRangeException>(() => ds.map(x => x, num_parallel_calls: 0)).ParamName);
    }
}
