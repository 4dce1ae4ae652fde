using NumSharp;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

public class DatasetSourceTests
{
    [Fact]
    public void From_tensor_slices_of_a_matrix_yields_its_rows()
    {
        var ds = tf.data.Dataset.from_tensor_slices(tf.constant(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }));
        var rows = ds.Select(r => r.ToArray<float>()).ToList();
        Assert.Equal([[1f, 2f], [3f, 4f], [5f, 6f]], rows);
        Assert.Equal(3, ds.cardinality());
        Assert.Equal(new TensorSpec(new Shape(2), tf.float32), ds.element_spec);
    }

    [Fact]
    public void From_tensor_slices_accepts_NDArray_and_dotnet_arrays()
    {
        Assert.Equal([1L, 2, 3], tf.data.Dataset.from_tensor_slices(new long[] { 1, 2, 3 }).Longs());
        var nd = np.array(new[] { 7, 8 });
        Assert.Equal([7L, 8], tf.data.Dataset.from_tensor_slices(nd).Select(t => (long)t).ToList());
    }

    [Fact]
    public void From_tensor_slices_of_a_pair_deconstructs_in_foreach()
    {
        var x = np.array(new float[,] { { 1, 1 }, { 2, 2 }, { 3, 3 } });
        var y = np.array(new[] { 10, 20, 30 });
        var ds = tf.data.Dataset.from_tensor_slices((x, y));
        var seen = new List<(float, int)>();
        foreach (var (features, label) in ds) seen.Add(((float)tf.reduce_sum(features), (int)label));
        Assert.Equal([(2f, 10), (4f, 20), (6f, 30)], seen);
        var (xs, ys) = ((TensorSpec, TensorSpec))ds.element_spec;
        Assert.Equal(new Shape(2), xs.shape);
        Assert.Equal(tf.int32, ys.dtype);
        Assert.Equal("(TensorSpec(shape=(2,), dtype=tf.float32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None))",
            ds.element_spec.ToString());
    }

    [Fact]
    public void From_tensor_slices_of_arrays_in_a_tuple_and_a_dictionary()
    {
        var pairs = tf.data.Dataset.from_tensor_slices((new[] { 1, 2 }, new[] { 1.5, 2.5 }));
        Assert.Equal([(1, 1.5), (2, 2.5)], pairs.Select(p => ((int)p.Item1, (double)p.Item2)).ToList());

        var named = tf.data.Dataset.from_tensor_slices(new Dictionary<string, NDArray>
        {
            ["age"] = np.array(new[] { 30, 40 }),
            ["height"] = np.array(new[] { 1.8f, 1.6f }),
        });
        var rows = named.as_numpy_iterator().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(40, (int)rows[1]["age"]);
        Assert.Equal(1.6f, (float)rows[1]["height"]);
        var spec = (Dictionary<string, TensorSpec>)named.element_spec;
        Assert.Equal(["age", "height"], spec.Keys);
    }

    [Fact]
    public void From_tensor_slices_with_different_first_dimensions_fails_at_construction_naming_both()
    {
        var e = Assert.Throws<InvalidArgumentError>(() =>
            tf.data.Dataset.from_tensor_slices((tf.zeros(new Shape(3, 2)), tf.zeros(new Shape(4)))));
        Assert.Contains("Dimensions 3 and 4 are not compatible", e.Message);
    }

    [Fact]
    public void From_tensor_slices_of_a_scalar_is_rejected()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.data.Dataset.from_tensor_slices(tf.constant(5)));
        Assert.Contains("scalar", e.Message);
    }

    [Fact]
    public void The_source_is_captured_so_later_variable_updates_do_not_change_it()
    {
        var v = tf.Variable(new float[] { 1, 2 });
        var ds = tf.data.Dataset.from_tensor_slices(v);
        v.assign(tf.constant(new float[] { 5, 6 }));
        Assert.Equal([1f, 2f], ds.Select(t => (float)t).ToList());
    }

    [Fact]
    public void From_tensors_is_one_element_every_pass()
    {
        var ds = tf.data.Dataset.from_tensors(tf.constant(new[] { 1, 2, 3 }));
        Assert.Equal(1, ds.cardinality());
        for (int pass = 0; pass < 2; pass++)
            Assert.Equal([[1, 2, 3]], ds.Select(t => t.ToArray<int>()).ToList());
        Assert.Equal(new TensorSpec(new Shape(3), tf.int32), ds.element_spec);
    }

    [Fact]
    public void Range_yields_int64_scalars()
    {
        Assert.Equal([0L, 1, 2, 3, 4], tf.data.Dataset.range(5).Longs());
        Assert.Equal([5L, 3, 1], tf.data.Dataset.range(5, 0, -2).Longs());
        Assert.Equal(3, tf.data.Dataset.range(5, 0, -2).cardinality());
        Assert.Equal(tf.int64, ((TensorSpec)tf.data.Dataset.range(3).element_spec).dtype);
        Assert.Empty(tf.data.Dataset.range(0).Longs());
    }

    [Fact]
    public void Zip_pairs_elements_as_long_as_the_shortest()
    {
        var ds = tf.data.Dataset.zip(tf.data.Dataset.range(5), tf.data.Dataset.range(10, 13));
        Assert.Equal([(0L, 10L), (1, 11), (2, 12)], ds.Select(p => ((long)p.Item1, (long)p.Item2)).ToList());
        Assert.Equal(3, ds.cardinality());
        Assert.Equal(3, tf.data.Dataset.zip(tf.data.Dataset.range(3).repeat(), tf.data.Dataset.range(10, 13)).ToList().Count);
    }

    [Fact]
    public void Zip_of_a_pair_dataset_nests()
    {
        var pairs = tf.data.Dataset.from_tensor_slices((new[] { 1, 2 }, new[] { 3, 4 }));
        var ds = tf.data.Dataset.zip(pairs, tf.data.Dataset.range(2));
        var items = new List<(int, int, long)>();
        foreach (var ((a, b), c) in ds) items.Add(((int)a, (int)b, (long)c));
        Assert.Equal([(1, 3, 0L), (2, 4, 1L)], items);
        Assert.IsType<((TensorSpec, TensorSpec), TensorSpec)>(ds.element_spec);
    }

    [Fact]
    public void Elements_of_an_unsupported_type_are_rejected_at_construction()
    {
        var e = Assert.Throws<NotSupportedException>(() => tf.data.Dataset.range(3).map(t => (float)t));
        Assert.Contains("System.Single", e.Message);
    }

    [Fact]
    public void Cardinality_constants_and_AUTOTUNE_match_TensorFlow()
    {
        Assert.Equal(-1, tf.data.AUTOTUNE);
        Assert.Equal(-1, tf.data.INFINITE_CARDINALITY);
        Assert.Equal(-2, tf.data.UNKNOWN_CARDINALITY);
        var ds = tf.data.Dataset.range(10);
        Assert.Equal(-1, ds.repeat().cardinality());
        Assert.Equal(30, ds.repeat(3).cardinality());
        Assert.Equal(-2, ds.filter(x => true).cardinality());
        Assert.Equal(4, ds.batch(3).cardinality());
        Assert.Equal(3, ds.batch(3, drop_remainder: true).cardinality());
        Assert.Equal(7, ds.skip(3).cardinality());
        Assert.Equal(5, ds.repeat().take(5).cardinality());
        Assert.Equal(10, ds.map(x => x * 2).shuffle(4).cache().prefetch(2).cardinality());
    }
}
