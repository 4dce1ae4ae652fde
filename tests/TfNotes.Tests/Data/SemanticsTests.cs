using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary>Behaviours where tf.data's semantics were missed before (issue 18's "semantics to match").</summary>
public class SemanticsTests
{
    static List<float> Values(Dataset<Tensor> ds) => ds.Select(t => (float)t).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public void A_random_op_with_an_op_seed_inside_map_gives_the_same_values_on_each_new_iterator(int? parallel)
    {
        var ds = tf.data.Dataset.range(4).map(x => tf.random.uniform(new Shape(Array.Empty<long>()), seed: 7), num_parallel_calls: parallel);
        var first = Values(ds);
        Assert.Equal(4, first.Distinct().Count());
        if (parallel is null) Assert.Equal(first, Values(ds));
        else Assert.Equal(first.Order(), Values(ds).Order()); // parallel calls draw in the order they run
        var unseeded = tf.data.Dataset.range(4).map(x => tf.random.uniform(new Shape(Array.Empty<long>())));
        Assert.NotEqual(Values(unseeded), Values(unseeded));
    }

    [Fact]
    public void Seeded_random_ops_inside_map_start_from_the_same_state_as_the_op_outside_a_dataset()
    {
        tf.random.set_seed(11);
        var outside = Enumerable.Range(0, 3).Select(_ => (float)tf.random.uniform(new Shape(Array.Empty<long>()), seed: 3)).ToList();
        tf.random.set_seed(11);
        var ds = tf.data.Dataset.range(3).map(x => tf.random.uniform(new Shape(Array.Empty<long>()), seed: 3));
        Assert.Equal(outside, Values(ds));
        Assert.Equal(outside, Values(ds));
        Assert.Equal(outside[0], (float)tf.random.uniform(new Shape(Array.Empty<long>()), seed: 3)); // the passes did not advance it
    }

    [Fact]
    public void Repeat_with_any_negative_count_repeats_forever()
    {
        var ds = tf.data.Dataset.range(3).repeat(-2);
        Assert.Equal([0L, 1, 2, 0, 1, 2, 0], ds.take(7).Longs());
        Assert.Equal(tf.data.INFINITE_CARDINALITY, ds.cardinality());
    }

    [Fact]
    public void Prefetch_of_zero_is_valid_and_prefetches_nothing()
    {
        var ds = tf.data.Dataset.range(3).prefetch(0);
        Assert.Equal([0L, 1, 2], ds.Longs());
        Assert.Equal(3, ds.cardinality());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => tf.data.Dataset.range(3).prefetch(-3));
        Assert.Contains("buffer_size must be >= 0 or set buffer_size to be -1 for auto-tuning", e.Message);
    }

    static Tensor Nothing(Tensor x) => null!;

    [Fact]
    public void Map_with_a_function_returning_null_fails_at_map_naming_the_function()
    {
        var e = Assert.Throws<ArgumentException>(() => tf.data.Dataset.range(3).map(Nothing));
        Assert.Equal("map_func", e.ParamName);
        Assert.Contains("SemanticsTests.Nothing", e.Message);
        Assert.Contains("returned null", e.Message);
        var pair = Assert.Throws<ArgumentException>(() => tf.data.Dataset.range(3).map(x => (x, (Tensor)null!)));
        Assert.Contains("it must return a (Tensor, Tensor) without null items", pair.Message);

        var late = tf.data.Dataset.range(3).map(x => (long)x == 2 ? null! : x);
        var failure = Assert.Throws<ArgumentException>(() => late.Longs());
        Assert.Contains("returned null for element 2", failure.Message);
        // A function that fails on the zero-filled probe is left to fail on the element it fails on, if any.
        Assert.Equal([12L, 6, 4], tf.data.Dataset.range(1, 4).map(x => tf.constant(12L / (long)x)).Longs());
    }

    [Fact]
    public void Unbatch_fails_at_unbatch_when_the_static_shapes_show_different_first_dimensions()
    {
        var twos = tf.data.Dataset.range(8).batch(2, drop_remainder: true);
        var threes = tf.data.Dataset.range(9).batch(3, drop_remainder: true);
        var e = Assert.Throws<ArgumentException>(() => tf.data.Dataset.zip(twos, threes).unbatch());
        Assert.Contains("Encountered both 2 and 3", e.Message);
        Assert.Contains("scalar components", Assert.Throws<ArgumentException>(() => tf.data.Dataset.range(3).unbatch()).Message);
        // Unknown first dimensions are checked per element, as before.
        Assert.Equal(8, tf.data.Dataset.zip(tf.data.Dataset.range(8).batch(2), tf.data.Dataset.range(8).batch(2)).unbatch().ToList().Count);
    }
}
