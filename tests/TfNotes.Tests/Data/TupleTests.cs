using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary>Tuples of 3 and more components: <c>zip</c>, <c>from_tensors</c>, <c>from_tensor_slices</c> (tf.data.Dataset.zip's API examples).</summary>
public class TupleTests
{
    static Dataset<Tensor> Range(long start, long stop) => tf.data.Dataset.range(start, stop);

    [Fact]
    public void Zip_takes_any_number_of_datasets_and_is_as_long_as_the_shortest()
    {
        var (a, b, c, d) = (Range(1, 4), Range(4, 7), Range(7, 13).batch(2), Range(13, 15));
        var abc = tf.data.Dataset.zip((a, b, c));
        var rows = new List<string>();
        foreach (var (x, y, z) in abc) rows.Add($"{(long)x} {(long)y} [{string.Join(", ", z.ToArray<long>())}]");
        Assert.Equal(["1 4 [7, 8]", "2 5 [9, 10]", "3 6 [11, 12]"], rows);
        Assert.Equal(3, abc.cardinality());
        Assert.Equal((new TensorSpec(new Shape(Array.Empty<long>()), tf.int64), new TensorSpec(new Shape(Array.Empty<long>()), tf.int64), new TensorSpec(new Shape(-1), tf.int64)),
            abc.element_spec);

        var ad = tf.data.Dataset.zip((a, d));
        Assert.Equal([(1L, 13L), (2, 14)], ad.Select(e => ((long)e.Item1, (long)e.Item2)).ToList());
        var four = tf.data.Dataset.zip(a, b, d, a.repeat());
        Assert.Equal([(1L, 4L, 13L, 1L), (2, 5, 14, 2)], four.Select(e => ((long)e.Item1, (long)e.Item2, (long)e.Item3, (long)e.Item4)).ToList());
        Assert.Equal(2, four.cardinality());
        Assert.Equal(-2, tf.data.Dataset.zip(a, b, a.filter(x => true)).cardinality());
        Assert.Equal(-1, tf.data.Dataset.zip(a.repeat(), b.repeat(), c.repeat()).cardinality());
    }

    [Fact]
    public void From_tensor_slices_and_from_tensors_of_four_and_five_components()
    {
        var slices = tf.data.Dataset.from_tensor_slices((new[] { 1, 2 }, new[] { 1.5f, 2.5f }, new long[,] { { 1, 2 }, { 3, 4 } }, new[] { true, false }));
        var rows = new List<string>();
        foreach (var (i, f, l, flag) in slices) rows.Add($"{(int)i} {(float)f} {string.Join(",", l.ToArray<long>())} {flag.item<bool>()}");
        Assert.Equal(["1 1.5 1,2 True", "2 2.5 3,4 False"], rows);
        Assert.Equal(tf.@bool, ((TensorSpec)((System.Runtime.CompilerServices.ITuple)slices.element_spec)[3]!).dtype);

        var single = tf.data.Dataset.from_tensors((tf.constant(1), new[] { 2f, 3f }, 4L, tf.constant(new[] { 5, 6 }), 7.0));
        var (a, b, c, d, e) = Assert.Single(single.Select(t => ((int)t.Item1, t.Item2.ToArray<float>(), (long)t.Item3, t.Item4.ToArray<int>(), (double)t.Item5)).ToList());
        Assert.Equal((1, 4L, 7.0), (a, c, e));
        Assert.Equal([2f, 3f], b);
        Assert.Equal([5, 6], d);
        Assert.Equal(tf.int64, single.element_spec is ValueTuple<TensorSpec, TensorSpec, TensorSpec, TensorSpec, TensorSpec> s ? s.Item3.dtype : null);
        Assert.Equal(new Shape(3), ((ValueTuple<TensorSpec, TensorSpec, TensorSpec>)tf.data.Dataset.from_tensors((1, 2, new[] { 1, 2, 3 })).element_spec).Item3.shape);
    }
}
