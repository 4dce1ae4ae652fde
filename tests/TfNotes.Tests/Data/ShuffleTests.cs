using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

public class ShuffleTests
{
    // Both paths of shuffle: over rows of in-memory tensors (a buffer of indices) and over elements (a buffer of tensors).
    static Dataset<Tensor> Rows(int n) => tf.data.Dataset.from_tensor_slices(tf.range(0, n, dtype: tf.int64));
    static Dataset<Tensor> Elements(int n) => tf.data.Dataset.range(n);

    public static TheoryData<bool> BothPaths => new() { true, false };
    static Dataset<Tensor> Source(bool rows, int n) => rows ? Rows(n) : Elements(n);

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Shuffle_yields_a_permutation(bool rows)
    {
        var order = Source(rows, 100).shuffle(30, seed: 1).Longs();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 100).Select(i => (long)i), order);
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void A_buffer_of_one_does_not_shuffle(bool rows)
    {
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), Source(rows, 50).shuffle(1).Longs());
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void A_full_buffer_puts_each_element_at_each_position_uniformly(bool rows)
    {
        const int n = 8, passes = 4000;
        var counts = new int[n, n]; // element, position
        var ds = Source(rows, n).shuffle(n, seed: 3);
        for (int pass = 0; pass < passes; pass++)
        {
            var order = ds.Longs();
            for (int position = 0; position < n; position++) counts[order[position], position]++;
        }
        // Expected passes/n = 500 per cell, sd ≈ √(500·7/8) ≈ 21: ±110 is > 5 sd per cell.
        for (int element = 0; element < n; element++)
            for (int position = 0; position < n; position++)
                Assert.InRange(counts[element, position], passes / n - 110, passes / n + 110);
    }

    [Fact]
    public void A_small_buffer_only_moves_elements_forward_within_reach()
    {
        // With buffer b, output i is drawn from the first i + b input elements.
        var order = Elements(200).shuffle(5, seed: 7).Longs();
        for (int i = 0; i < order.Count; i++) Assert.True(order[i] < i + 5, $"element {order[i]} came out at {i}");
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Each_pass_gets_a_new_order_unless_reshuffling_is_off(bool rows)
    {
        var reshuffled = Source(rows, 50).shuffle(50, seed: 11);
        Assert.NotEqual(reshuffled.Longs(), reshuffled.Longs());
        var fixedOrder = Source(rows, 50).shuffle(50, seed: 11, reshuffle_each_iteration: false);
        Assert.Equal(fixedOrder.Longs(), fixedOrder.Longs());
        var unseeded = Source(rows, 50).shuffle(50, reshuffle_each_iteration: false);
        Assert.Equal(unseeded.Longs(), unseeded.Longs());
    }

    [Fact]
    public void The_same_seed_gives_the_same_orders_on_both_paths()
    {
        var a = Rows(64).shuffle(20, seed: 42);
        var b = Elements(64).shuffle(20, seed: 42);
        var c = Rows(64).shuffle(20, seed: 43);
        var first = a.Longs();
        Assert.Equal(first, b.Longs());
        Assert.Equal(a.Longs(), b.Longs()); // second passes agree too
        Assert.NotEqual(first, c.Longs());
    }

    [Fact]
    public void Shuffle_then_repeat_reshuffles_each_repetition()
    {
        var order = Elements(20).shuffle(20, seed: 2).repeat(2).Longs();
        Assert.Equal(40, order.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), order.Take(20).Order());
        Assert.NotEqual(order.Take(20), order.Skip(20));
    }
}
