using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>Comparison and logic ops give bool tensors; <c>==</c> is elementwise as in TensorFlow 2, Equals is identity.</summary>
public class ComparisonTests
{
    [Fact]
    public void Ordering_ops_match_the_API_reference()
    {
        var x = tf.constant(new[] { 5, 4, 6 });
        TensorAssert.Equal(tf.math.less(x, tf.constant(new[] { 5 })), tf.@bool, [3], false, true, false);
        TensorAssert.Equal(tf.less(x, tf.constant(new[] { 5, 6, 7 })), tf.@bool, [3], false, true, true);
        TensorAssert.Equal(tf.math.greater(x, tf.constant(new[] { 5, 2, 5 })), tf.@bool, [3], false, true, true);
        TensorAssert.Equal(tf.less_equal(x, tf.constant(new[] { 5 })), tf.@bool, [3], true, true, false);
        TensorAssert.Equal(tf.greater_equal(x, tf.constant(new[] { 5 })), tf.@bool, [3], true, false, true);
    }

    [Fact]
    public void Operators_compare_elementwise_with_tensors_and_numbers()
    {
        var x = tf.constant(new[] { 1f, 2f, 3f });
        var y = tf.constant(new[] { 3f, 2f, 1f });
        TensorAssert.Equal(x < y, tf.@bool, [3], true, false, false);
        TensorAssert.Equal(x <= y, tf.@bool, [3], true, true, false);
        TensorAssert.Equal(x > y, tf.@bool, [3], false, false, true);
        TensorAssert.Equal(x >= y, tf.@bool, [3], false, true, true);
        TensorAssert.Equal(x > 1.5, tf.@bool, [3], false, true, true);
        TensorAssert.Equal(2 >= x, tf.@bool, [3], true, true, false);
        TensorAssert.Equal(x == 2, tf.@bool, [3], false, true, false);
        TensorAssert.Equal(2 != x, tf.@bool, [3], true, false, true);
    }

    [Fact]
    public void Equality_between_tensors_is_elementwise_not_reference_equality()
    {
        // tf.math.equal's documented example: [2, 4] == 2 → [True, False]; [2, 4] == [2, 4] → [True, True].
        var x = tf.constant(new[] { 2, 4 });
        TensorAssert.Equal(tf.math.equal(x, tf.constant(2)), tf.@bool, [2], true, false);
        TensorAssert.Equal(tf.equal(x, tf.constant(new[] { 2, 4 })), tf.@bool, [2], true, true);
        TensorAssert.Equal(tf.math.not_equal(x, tf.constant(2)), tf.@bool, [2], false, true);
        var same = tf.constant(new[] { 2, 4 });
        TensorAssert.Equal(x == same, tf.@bool, [2], true, true);
        TensorAssert.Equal(x != same, tf.@bool, [2], false, false);
        Assert.False(x.Equals(same)); // identity: tensors stay usable as dictionary keys
        Assert.True(x.Equals(x));
        Assert.Equal(2, new HashSet<Tensor> { x, same }.Count);
    }

    [Fact]
    public void Equality_of_shapes_that_do_not_broadcast_is_false_as_TensorFlows_operator()
    {
        var a = tf.constant(new[] { 1, 2 });
        var b = tf.constant(new[] { 1, 2, 3 });
        TensorAssert.Equal(a == b, tf.@bool, [], false);
        TensorAssert.Equal(a != b, tf.@bool, [], true);
        Assert.Equal("Equal: Incompatible shapes: [2] vs. [3]", Assert.Throws<InvalidArgumentError>(() => tf.equal(a, b)).Message);
    }

    [Fact]
    public void Null_compares_by_reference()
    {
        Tensor? none = null;
        var t = tf.constant(1);
        Assert.False((bool)(t == none));
        Assert.True((bool)(t != none));
        Assert.True((bool)(none == null));
    }

    [Fact]
    public void Scalar_bool_tensors_work_in_conditions_and_larger_ones_are_ambiguous()
    {
        var x = tf.constant(3f);
        Assert.True(x > 2 ? true : false);
        bool reached = false;
        if (x == 3 && x < 4) reached = true;
        Assert.True(reached);
        Assert.True((bool)tf.constant(new[] { 2.5 }, tf.float64)); // one element, non-zero (NumPy's bool of a size-1 array)
        Assert.False((bool)tf.constant(0));
        var vector = tf.constant(new[] { 1, 2 });
        var same = vector;
        var e = Assert.Throws<InvalidOperationException>(() => { if (vector == same) { } });
        Assert.StartsWith("The truth value of a tensor with more than one element is ambiguous (shape (2,))", e.Message);
        Assert.Contains("ambiguous", Assert.Throws<InvalidOperationException>(() => (bool)tf.zeros(new[] { 0 })).Message);
    }

    [Fact]
    public void Logical_ops_and_operators_match_the_API_reference()
    {
        var x = tf.constant(new[] { false, true, true, false });
        var y = tf.constant(new[] { false, false, true, true });
        TensorAssert.Equal(tf.math.logical_and(x, y), tf.@bool, [4], false, false, true, false);
        TensorAssert.Equal(tf.logical_or(x, y), tf.@bool, [4], false, true, true, true);
        TensorAssert.Equal(tf.logical_xor(x, y), tf.@bool, [4], false, true, false, true);
        TensorAssert.Equal(tf.logical_not(tf.constant(new[] { true, false })), tf.@bool, [2], false, true);
        TensorAssert.Equal(x & y, tf.@bool, [4], false, false, true, false);
        TensorAssert.Equal(x | y, tf.@bool, [4], false, true, true, true);
        TensorAssert.Equal(x ^ y, tf.@bool, [4], false, true, false, true);
        TensorAssert.Equal(!x, tf.@bool, [4], true, false, false, true);
        TensorAssert.Equal(~x, tf.@bool, [4], true, false, false, true);
    }

    [Fact]
    public void Bitwise_operators_on_integer_tensors_as_TensorFlows()
    {
        var a = tf.constant(new[] { 12, 10 });
        var b = tf.constant(new[] { 10, 6 });
        TensorAssert.Equal(a & b, tf.int32, [2], 8, 2);
        TensorAssert.Equal(a | b, tf.int32, [2], 14, 14);
        TensorAssert.Equal(a ^ b, tf.int32, [2], 6, 12);
        TensorAssert.Equal(~a, tf.int32, [2], -13, -11);
    }

    [Fact]
    public void Bad_dtypes_are_TensorFlows_errors()
    {
        var floats = tf.constant(new[] { 1f });
        var flags = tf.constant(new[] { true });
        var e = Assert.Throws<InvalidArgumentError>(() => tf.logical_and(floats, flags));
        Assert.Equal("LogicalAnd: cannot compute LogicalAnd as input #0(zero-based) was expected to be a bool tensor but is a float32 tensor (shape (1,))", e.Message);
        Assert.Throws<InvalidArgumentError>(() => floats & floats);
        Assert.Contains("Less: Value for attr 'T' of bool", Assert.Throws<InvalidArgumentError>(() => flags < tf.constant(new[] { false })).Message);
        var mixed = Assert.Throws<InvalidArgumentError>(() => floats < tf.constant(new[] { 1 }));
        Assert.Contains("float32", mixed.Message);
        Assert.Contains("int32", mixed.Message);
    }

    [Fact]
    public void Scalar_conversions_read_one_element_exactly_and_refuse_more()
    {
        Assert.Equal(0.1, (double)tf.constant(0.1, tf.float64));
        Assert.Equal(0.1f, (float)tf.constant(new[] { 0.1f }));
        Assert.Equal(2, (int)tf.constant(2.7f)); // Python's int(): truncation toward zero
        Assert.Equal(-2, (int)tf.constant(-2.7f));
        Assert.Equal(9007199254740993L, (long)tf.constant(new[,] { { 9007199254740993L } })); // beyond double precision
        Assert.Equal(1.0, (double)tf.constant(true));
        Assert.Equal(200, (int)tf.constant(new byte[] { 200 }));
        var e = Assert.Throws<InvalidCastException>(() => (float)tf.constant(new[] { 1f, 2f }));
        Assert.StartsWith("(float): only a tensor with one element converts to a .NET float", e.Message);
        Assert.Contains("shape (2,)", e.Message);
        Assert.Throws<OverflowException>(() => (int)tf.constant(new[] { 3_000_000_000L }));
    }
}
