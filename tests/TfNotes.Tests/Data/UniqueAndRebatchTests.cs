using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary><c>unique</c> and <c>rebatch</c>, with the examples of TensorFlow's API docs.</summary>
public class UniqueAndRebatchTests
{
    [Fact]
    public void Unique_keeps_the_first_of_each_value()
    {
        var ds = tf.data.Dataset.from_tensor_slices(new[] { 1, 37, 2, 37, 2, 1 }).unique();
        Assert.Equal([1, 37, 2], ds.Select(t => (int)t).ToList());
        var rows = tf.data.Dataset.from_tensor_slices(new long[,] { { 1, 2 }, { 2, 1 }, { 1, 2 } }).unique();
        Assert.Equal([[1L, 2], [2L, 1]], rows.Select(t => t.ToArray<long>()).ToList());
        var e = Assert.Throws<ArgumentException>(() => tf.data.Dataset.from_tensor_slices(new[] { 1f }).unique());
        Assert.StartsWith("unique: `tf.data.Dataset.unique` does not support type float32 -- only `tf.int32`, `tf.int64`, and `tf.string` are supported", e.Message);
    }

    [Fact]
    public void Rebatch_regroups_the_rows_of_batches()
    {
        static List<long[]> Batches(Dataset<Tensor> ds) => ds.Select(b => b.ToArray<long>()).ToList();
        Assert.Equal([[0L, 1, 2], [3L, 4, 5]], Batches(tf.data.Dataset.range(6).batch(2).rebatch(3)));
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L]], Batches(tf.data.Dataset.range(7).batch(4).rebatch(3)));
        Assert.Equal([[0L, 1, 2], [3L, 4, 5]], Batches(tf.data.Dataset.range(7).batch(2).rebatch(3, drop_remainder: true)));
        Assert.Equal([[0L, 1], [2L], [3L], [4L, 5], [6L], [7L]], Batches(tf.data.Dataset.range(8).batch(4).rebatch([2, 1, 1])));
        Assert.Equal(new TensorSpec(new Shape(3), tf.int64), tf.data.Dataset.range(7).batch(2).rebatch(3, drop_remainder: true).element_spec);
        Assert.Equal(new TensorSpec(new Shape(-1), tf.int64), tf.data.Dataset.range(7).batch(2).rebatch(3).element_spec);
    }
}
