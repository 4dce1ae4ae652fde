using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>Indexing with C# indices and ranges, TensorFlow's strided-slice semantics, and the slicing ops.</summary>
public class SlicingTests
{
    // The TF guide "Introduction to tensors", Indexing: rank_1_tensor and its printed slices.
    static Tensor Fibonacci() => tf.constant(new[] { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34 });

    [Fact]
    public void Single_axis_indexing_matches_the_tensor_guide()
    {
        var t = Fibonacci();
        TensorAssert.Equal(t[0], tf.int32, [], 0);
        TensorAssert.Equal(t[1], tf.int32, [], 1);
        TensorAssert.Equal(t[-1], tf.int32, [], 34);
        TensorAssert.Equal(t[^1], tf.int32, [], 34);
        TensorAssert.Equal(t[..], tf.int32, [10], 0, 1, 1, 2, 3, 5, 8, 13, 21, 34);
        TensorAssert.Equal(t[..4], tf.int32, [4], 0, 1, 1, 2);
        TensorAssert.Equal(t[4..], tf.int32, [6], 3, 5, 8, 13, 21, 34);
        TensorAssert.Equal(t[2..7], tf.int32, [5], 1, 2, 3, 5, 8);
        TensorAssert.Equal(t[TensorIndex.Slice(step: 2)], tf.int32, [5], 0, 1, 3, 8, 21);
        TensorAssert.Equal(t[TensorIndex.Slice(step: -1)], tf.int32, [10], 34, 21, 13, 8, 5, 3, 2, 1, 1, 0);
        TensorAssert.Equal(t[..^1], tf.int32, [9], 0, 1, 1, 2, 3, 5, 8, 13, 21);
    }

    [Fact]
    public void Multi_axis_indexing_matches_the_tensor_guide()
    {
        var m = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f }, { 5f, 6f } });
        TensorAssert.Equal(m[1, 1], tf.float32, [], 4f);
        TensorAssert.Equal(m[1, ..], tf.float32, [2], 3f, 4f);
        TensorAssert.Equal(m[.., 1], tf.float32, [3], 2f, 4f, 6f);
        TensorAssert.Equal(m[-1, ..], tf.float32, [2], 5f, 6f);
        TensorAssert.Equal(m[0, -1], tf.float32, [], 2f);
        TensorAssert.Equal(m[1.., ..], tf.float32, [2, 2], 3f, 4f, 5f, 6f);
        TensorAssert.Equal(m[.., ..^1], tf.float32, [3, 1], 1f, 3f, 5f);
        var cube = tf.reshape(tf.range(30), new[] { 3, 2, 5 });
        TensorAssert.Equal(cube[.., .., 4], tf.int32, [3, 2], 4, 9, 14, 19, 24, 29);
        TensorAssert.Equal(cube[tf.ellipsis, 4], tf.int32, [3, 2], 4, 9, 14, 19, 24, 29);
        TensorAssert.Equal(cube[1, tf.ellipsis, 0], tf.int32, [2], 10, 15);
    }

    [Fact]
    public void Newaxis_inserts_an_axis_of_size_one()
    {
        var v = tf.constant(new[] { 1, 2, 3 });
        TensorAssert.Equal(v[tf.newaxis, ..], tf.int32, [1, 3], 1, 2, 3);
        TensorAssert.Equal(v[.., tf.newaxis], tf.int32, [3, 1], 1, 2, 3);
        TensorAssert.Equal(v[tf.ellipsis, tf.newaxis], tf.int32, [3, 1], 1, 2, 3);
        TensorAssert.Equal(v[tf.newaxis], tf.int32, [1, 3], 1, 2, 3);
    }

    [Fact]
    public void Ranges_are_clamped_as_in_Python_and_TensorFlow()
    {
        var v = tf.constant(new[] { 1, 2, 3 });
        TensorAssert.Equal(v[1..10], tf.int32, [2], 2, 3);
        TensorAssert.Equal<int>(v[2..1], tf.int32, [0]);
        TensorAssert.Equal(v[^10..], tf.int32, [3], 1, 2, 3);
        TensorAssert.Equal(v[TensorIndex.Slice(5, null, -1)], tf.int32, [3], 3, 2, 1);
        TensorAssert.Equal(v[TensorIndex.Slice(-1, 0, -2)], tf.int32, [1], 3);
        TensorAssert.Equal(v[tf.constant(2)], tf.int32, [], 3);
    }

    [Fact]
    public void Out_of_range_names_the_dimension_the_index_and_the_size()
    {
        var m = tf.zeros(new[] { 3, 2 });
        var e = Assert.Throws<InvalidArgumentError>(() => m[.., 2]);
        Assert.Equal("StridedSlice: slice index 2 of dimension 1 out of bounds: dimension 1 has size 2 (input shape (3, 2))", e.Message);
        Assert.Contains("slice index -4 of dimension 0", Assert.Throws<InvalidArgumentError>(() => m[-4]).Message);
        Assert.Contains("slice index ^4 of dimension 0", Assert.Throws<InvalidArgumentError>(() => m[^4]).Message);
        Assert.Contains("slice index ^0 of dimension 0", Assert.Throws<InvalidArgumentError>(() => m[^0]).Message);
        var rank = Assert.Throws<InvalidArgumentError>(() => m[0, 0, 0]);
        Assert.StartsWith("StridedSlice: Index out of range using input dim 2; input has only 2 dims", rank.Message);
        Assert.Contains("Multiple ellipses", Assert.Throws<InvalidArgumentError>(() => m[tf.ellipsis, tf.ellipsis]).Message);
        Assert.Contains("Only integers, slices", Assert.Throws<ArgumentException>(() => m[tf.constant(new[] { 0 })]).Message);
        Assert.Contains("must be non-zero", Assert.Throws<InvalidArgumentError>(() => m[TensorIndex.Slice(step: 0)]).Message);
    }

    [Fact]
    public void Gradients_flow_through_slices()
    {
        var x = tf.Variable(new[] { 1.0, 2.0, 3.0 }, dtype: tf.float64);
        using var tape = tf.GradientTape(persistent: true);
        var tail = tf.reduce_sum(tf.square(x[1..]));
        var last = x[^1] * 5.0;
        var reversed = tf.reduce_sum(x[TensorIndex.Slice(step: -1)] * tf.constant(new[] { 1.0, 10.0, 100.0 }, tf.float64));
        TensorAssert.Equal(tape.gradient(tail, x)!, tf.float64, [3], 0.0, 4.0, 6.0);
        TensorAssert.Equal(tape.gradient(last, x)!, tf.float64, [3], 0.0, 0.0, 5.0);
        TensorAssert.Equal(tape.gradient(reversed, x)!, tf.float64, [3], 100.0, 10.0, 1.0);
    }

    [Fact]
    public void A_slice_of_a_variable_does_not_follow_later_assignments()
    {
        var v = tf.Variable(new[] { 1f, 2f });
        var first = v[0];
        v.assign(tf.constant(new[] { 5f, 6f }));
        TensorAssert.Equal(first, tf.float32, [], 1f);
    }

    [Fact]
    public void Strided_slice_matches_the_API_reference()
    {
        var t = tf.constant(new[, ,] { { { 1, 1, 1 }, { 2, 2, 2 } }, { { 3, 3, 3 }, { 4, 4, 4 } }, { { 5, 5, 5 }, { 6, 6, 6 } } });
        TensorAssert.Equal(tf.strided_slice(t, [1, 0, 0], [2, 1, 3], [1, 1, 1]), tf.int32, [1, 1, 3], 3, 3, 3);
        TensorAssert.Equal(tf.strided_slice(t, [1, 0, 0], [2, 2, 3], [1, 1, 1]), tf.int32, [1, 2, 3], 3, 3, 3, 4, 4, 4);
        TensorAssert.Equal(tf.strided_slice(t, [1, -1, 0], [2, -3, 3], [1, -1, 1]), tf.int32, [1, 2, 3], 4, 4, 4, 3, 3, 3);
        // Masks: t[1:, ..., 0] written as begin_mask/ellipsis/shrink bits, and t[:, tf.newaxis, 1].
        TensorAssert.Equal(tf.strided_slice(t, [1, 0, 0], [0, 0, 1], [1, 1, 1], end_mask: 0b001, ellipsis_mask: 0b010, shrink_axis_mask: 0b100),
            tf.int32, [2, 2], 3, 4, 5, 6);
        TensorAssert.Equal(tf.strided_slice(t, [0, 0, 1], [0, 0, 2], begin_mask: 0b001, end_mask: 0b001, new_axis_mask: 0b010, shrink_axis_mask: 0b100),
            tf.int32, [3, 1, 3], 2, 2, 2, 4, 4, 4, 6, 6, 6);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.strided_slice(t, [0, 0], [1], [1, 1]));
        Assert.StartsWith("StridedSlice: Expected begin, end, and strides to be 1D equal size tensors, but got shapes [2], [1], and [2] instead.", e.Message);
    }

    [Fact]
    public void Slice_matches_the_API_reference()
    {
        var t = tf.constant(new[, ,] { { { 1, 1, 1 }, { 2, 2, 2 } }, { { 3, 3, 3 }, { 4, 4, 4 } }, { { 5, 5, 5 }, { 6, 6, 6 } } });
        TensorAssert.Equal(tf.slice(t, [1, 0, 0], [1, 1, 3]), tf.int32, [1, 1, 3], 3, 3, 3);
        TensorAssert.Equal(tf.slice(t, [1, 0, 0], [1, 2, 3]), tf.int32, [1, 2, 3], 3, 3, 3, 4, 4, 4);
        TensorAssert.Equal(tf.slice(t, [1, 0, 0], [2, 1, 3]), tf.int32, [2, 1, 3], 3, 3, 3, 5, 5, 5);
        TensorAssert.Equal(tf.slice(t, [2, 1, 1], [-1, -1, -1]), tf.int32, [1, 1, 2], 6, 6);
        Assert.Equal("Slice: Expected size[1] in [0, 1], but got 2 (input shape (3, 2, 3))",
            Assert.Throws<InvalidArgumentError>(() => tf.slice(t, [0, 1, 0], [1, 2, 1])).Message);
        Assert.StartsWith("Slice: Expected begin[0] in [0, 3], but got 4",
            Assert.Throws<InvalidArgumentError>(() => tf.slice(t, [4, 0, 0], [0, 1, 1])).Message);
    }

    [Fact]
    public void Gather_matches_the_API_reference()
    {
        var p = tf.constant(new[,] { { 0f, 1f, 2f }, { 10f, 11f, 12f }, { 20f, 21f, 22f }, { 30f, 31f, 32f } });
        TensorAssert.Equal(tf.gather(p, tf.constant(new[] { 3, 1 })), tf.float32, [2, 3], 30f, 31f, 32f, 10f, 11f, 12f);
        TensorAssert.Equal(tf.gather(p, tf.constant(new[] { 2, 1 }), axis: 1), tf.float32, [4, 2], 2f, 1f, 12f, 11f, 22f, 21f, 32f, 31f);
        TensorAssert.Equal(tf.gather(p, tf.constant(new[,] { { 2, 0 }, { 2, 1 } }), axis: 1), tf.float32, [4, 2, 2],
            2f, 0f, 2f, 1f, 12f, 10f, 12f, 11f, 22f, 20f, 22f, 21f, 32f, 30f, 32f, 31f);
        TensorAssert.Equal(tf.gather(p, tf.constant(2L)), tf.float32, [3], 20f, 21f, 22f);
        Assert.Equal("GatherV2: indices[1,0] = 4 is not in [0, 4)",
            Assert.Throws<InvalidArgumentError>(() => tf.gather(p, tf.constant(new[,] { { 0 }, { 4 } }))).Message);
        Assert.Contains("Tindices", Assert.Throws<InvalidArgumentError>(() => tf.gather(p, tf.constant(new[] { 0f }))).Message);
        Assert.StartsWith("GatherV2: Expected axis in the range [-2, 2), but got 2", Assert.Throws<InvalidArgumentError>(() => tf.gather(p, tf.constant(new[] { 0 }), axis: 2)).Message);
    }

    [Fact]
    public void Gather_passes_gradients_to_the_gathered_rows()
    {
        var p = tf.Variable(new[] { 1.0, 2.0, 3.0 }, dtype: tf.float64);
        using var tape = tf.GradientTape();
        var y = tf.reduce_sum(tf.gather(p, tf.constant(new[] { 2, 0, 2 })));
        TensorAssert.Equal(tape.gradient(y, p)!, tf.float64, [3], 1.0, 0.0, 2.0);
    }

    [Fact]
    public void Boolean_mask_matches_the_API_reference()
    {
        TensorAssert.Equal(tf.boolean_mask(tf.constant(new[] { 0, 1, 2, 3 }), tf.constant(new[] { true, false, true, false })), tf.int32, [2], 0, 2);
        var t = tf.constant(new[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        TensorAssert.Equal(tf.boolean_mask(t, tf.constant(new[] { true, false, true })), tf.int32, [2, 2], 1, 2, 5, 6);
        TensorAssert.Equal(tf.boolean_mask(t, tf.constant(new[] { false, true }), axis: 1), tf.int32, [3, 1], 2, 4, 6);
        TensorAssert.Equal(tf.boolean_mask(t, t > 3), tf.int32, [3], 4, 5, 6);
        var e = Assert.Throws<ArgumentException>(() => tf.boolean_mask(t, tf.constant(new[] { true, false })));
        Assert.StartsWith("boolean_mask: Shapes (3,) and (2,) are incompatible", e.Message);
        Assert.Contains("mask cannot be scalar", Assert.Throws<ArgumentException>(() => tf.boolean_mask(t, tf.constant(true))).Message);
    }

    [Fact]
    public void Where_matches_the_API_reference()
    {
        var condition = tf.constant(new[] { true, false, false, true });
        TensorAssert.Equal(tf.where(condition), tf.int64, [2, 1], 0L, 3L);
        TensorAssert.Equal(tf.where(condition, tf.constant(new[] { 1, 2, 3, 4 }), tf.constant(new[] { 100, 200, 300, 400 })), tf.int32, [4], 1, 200, 300, 4);
        TensorAssert.Equal(tf.where(condition, tf.constant(new[] { 1, 2, 3, 4 }), tf.constant(new[] { 100 })), tf.int32, [4], 1, 100, 100, 4);
        TensorAssert.Equal(tf.where(condition, tf.constant(new[] { 1.5, 2.5, 3.5, 4.5 }, tf.float64), 0), tf.float64, [4], 1.5, 0.0, 0.0, 4.5);
        TensorAssert.Equal(tf.where(tf.constant(new[,] { { true, false }, { false, true } })), tf.int64, [2, 2], 0L, 0L, 1L, 1L);
        Assert.Contains("expected to be a bool tensor", Assert.Throws<InvalidArgumentError>(() => tf.where(tf.constant(new[] { 1 }), tf.constant(new[] { 1 }), tf.constant(new[] { 1 }))).Message);
        Assert.Equal("SelectV2: condition [4], then [3], and else [4] must be broadcastable",
            Assert.Throws<InvalidArgumentError>(() => tf.where(condition, tf.constant(new[] { 1, 2, 3 }), tf.constant(new[] { 1, 2, 3, 4 }))).Message);
        Assert.Contains("Cannot convert 0.5 to EagerTensor of dtype int32",
            Assert.Throws<TypeError>(() => tf.where(condition, tf.constant(new[] { 1, 2, 3, 4 }), 0.5)).Message);
    }

    [Fact]
    public void Where_passes_gradients_to_the_chosen_side()
    {
        var x = tf.Variable(new[] { 1.0, -2.0, 3.0 }, dtype: tf.float64);
        using var tape = tf.GradientTape();
        var y = tf.reduce_sum(tf.where(x > 0, x * 3.0, x * x));
        TensorAssert.Equal(tape.gradient(y, x)!, tf.float64, [3], 3.0, -4.0, 3.0);
    }

    [Fact]
    public void Tensor_scatter_nd_update_matches_the_API_reference()
    {
        var tensor = tf.constant(new[] { 0, 0, 0, 0, 0, 0, 0, 0 });
        var indices = tf.constant(new[,] { { 1 }, { 3 }, { 4 }, { 7 } });
        TensorAssert.Equal(tf.tensor_scatter_nd_update(tensor, indices, tf.constant(new[] { 9, 10, 11, 12 })), tf.int32, [8], 0, 9, 0, 10, 11, 0, 0, 12);
        var matrix = tf.zeros(new[] { 2, 3 });
        TensorAssert.Equal(tf.tensor_scatter_nd_update(matrix, tf.constant(new[,] { { 1, 2 } }), tf.constant(new[] { 5f })), tf.float32, [2, 3], 0f, 0f, 0f, 0f, 0f, 5f);
        TensorAssert.Equal(tensor, tf.int32, [8], 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal("TensorScatterUpdate: indices[1] = [8] does not index into shape [8]",
            Assert.Throws<InvalidArgumentError>(() => tf.tensor_scatter_nd_update(tensor, tf.constant(new[,] { { 1 }, { 8 } }), tf.constant(new[] { 1, 2 }))).Message);
    }
}
