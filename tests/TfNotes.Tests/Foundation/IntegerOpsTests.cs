using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>TensorFlow's integer semantics: true division, floor division and modulo, reductions in the input's dtype.</summary>
public class IntegerOpsTests
{
    static Tensor Ints(params int[] values) => tf.constant(values);

    [Fact]
    public void Division_of_integers_is_true_division_in_TensorFlows_float_types()
    {
        // tf.divide's documented example: tf.divide(tf.constant(16), tf.constant(4)) → 4.0, dtype=float64.
        TensorAssert.Equal(tf.divide(tf.constant(16), tf.constant(4)), tf.float64, [], 4.0);
        TensorAssert.Equal(Ints(1, -7, 3) / Ints(2, 2, 3), tf.float64, [3], 0.5, -3.5, 1.0);
        TensorAssert.Equal(tf.math.truediv(tf.constant(new long[] { 1, 2 }), tf.constant(new long[] { 4, 4 })), tf.float64, [2], 0.25, 0.5);
        TensorAssert.Equal(tf.constant(new byte[] { 1, 3 }) / tf.constant(new byte[] { 2, 4 }), tf.float32, [2], 0.5f, 0.75f);
        TensorAssert.Equal(tf.constant(new[] { 1f, 3f }) / tf.constant(new[] { 2f, 4f }), tf.float32, [2], 0.5f, 0.75f);
        TensorAssert.Equal(Ints(1, -1) / Ints(0, 0), tf.float64, [2], double.PositiveInfinity, double.NegativeInfinity);
    }

    [Fact]
    public void Division_rejects_mixed_and_bool_dtypes_as_TensorFlows_TypeError()
    {
        var mixed = Assert.ThrowsAny<ArgumentException>(() => Ints(1) / tf.constant(new[] { 1f }));
        Assert.Contains("truediv", mixed.Message);
        Assert.Contains("int32 != float32", mixed.Message);
        var flags = tf.constant(new[] { true });
        Assert.Contains("Invalid dtype bool", Assert.ThrowsAny<ArgumentException>(() => flags / flags).Message);
    }

    [Fact]
    public void Floordiv_rounds_toward_negative_infinity_and_keeps_integers()
    {
        TensorAssert.Equal(tf.math.floordiv(Ints(7, -7, 7, -7), Ints(2, 2, -2, -2)), tf.int32, [4], 3, -4, -4, 3);
        // The API reference: floor(8.4 / 4.0) = 2.0, floor(-8.4 / 4.0) = -3.0.
        TensorAssert.Equal(tf.math.floordiv(tf.constant(new[] { 8.4, -8.4 }, tf.float64), tf.constant(new[] { 4.0, 4.0 }, tf.float64)), tf.float64, [2], 2.0, -3.0);
        // TensorFlow's float FloorDiv is floor(x / y): 1 / 0.1 is 10.000000000000002 in float64, so 10 (Python's // gives 9).
        TensorAssert.Equal(tf.math.floordiv(tf.constant(new[] { 1.0 }, tf.float64), tf.constant(new[] { 0.1 }, tf.float64)), tf.float64, [1], 10.0);
        TensorAssert.Equal(tf.math.floordiv(tf.constant(new long[] { -9 }), tf.constant(new long[] { 4 })), tf.int64, [1], -3L);
        TensorAssert.Equal(tf.math.floordiv(tf.constant(new byte[] { 200 }), tf.constant(new byte[] { 7 })), tf.uint8, [1], (byte)28);
    }

    [Fact]
    public void Floormod_and_the_percent_operator_take_the_sign_of_the_divisor()
    {
        TensorAssert.Equal(tf.math.floormod(Ints(7, -7, 7, -7), Ints(3, 3, -3, -3)), tf.int32, [4], 1, 2, -2, -1);
        TensorAssert.Equal(Ints(7, -7) % Ints(3, 3), tf.int32, [2], 1, 2);
        TensorAssert.Equal(Ints(7, -7) % 3, tf.int32, [2], 1, 2);
        TensorAssert.Equal(10 % Ints(3, -3), tf.int32, [2], 1, -2);
        // floor(x / y)·y + floormod(x, y) = x for floats too: −5.5 mod 2 = 0.5.
        TensorAssert.Equal(tf.math.mod(tf.constant(new[] { -5.5, 5.5 }, tf.float64), tf.constant(new[] { 2.0, -2.0 }, tf.float64)), tf.float64, [2], 0.5, -0.5);
    }

    [Fact]
    public void Integer_division_by_zero_is_TensorFlows_error_not_a_libtorch_one()
    {
        Assert.Equal("FloorDiv: Integer division by zero", Assert.Throws<InvalidArgumentError>(() => tf.math.floordiv(Ints(1, 2), Ints(1, 0))).Message);
        Assert.Equal("FloorMod: Integer division by zero", Assert.Throws<InvalidArgumentError>(() => Ints(1, 2) % Ints(0, 1)).Message);
        Assert.Equal("FloorMod: Integer division by zero", Assert.Throws<InvalidArgumentError>(() => Ints(1, 2) % 0).Message);
    }

    [Fact]
    public void Reductions_keep_the_input_dtype()
    {
        // tf.reduce_sum's documented example: x = [[1, 1, 1], [1, 1, 1]].
        var x = tf.constant(new[,] { { 1, 1, 1 }, { 1, 1, 1 } });
        TensorAssert.Equal(tf.reduce_sum(x), tf.int32, [], 6);
        TensorAssert.Equal(tf.reduce_sum(x, 0), tf.int32, [3], 2, 2, 2);
        TensorAssert.Equal(tf.reduce_sum(x, 1, keepdims: true), tf.int32, [2, 1], 3, 3);
        TensorAssert.Equal(tf.reduce_sum(x, [0, 1]), tf.int32, [], 6);
        TensorAssert.Equal(tf.reduce_max(Ints(5, 1, 2, 4)), tf.int32, [], 5);
        TensorAssert.Equal(tf.reduce_min(tf.constant(new[,] { { 1, 2 }, { 3, 4 } })), tf.int32, [], 1);
        TensorAssert.Equal(tf.reduce_prod(tf.constant(new[,] { { 1, 2 }, { 3, 4 } }), 0), tf.int32, [2], 3, 8);
        TensorAssert.Equal(tf.reduce_sum(tf.constant(new byte[] { 200, 100 })), tf.uint8, [], (byte)44); // wraps, as TensorFlow's uint8 Sum
        TensorAssert.Equal(tf.reduce_sum(tf.constant(new long[] { 1L << 40, 1 })), tf.int64, [], (1L << 40) + 1);
    }

    [Fact]
    public void Float_prod_over_several_axes_matches_the_API_reference()
    {
        var x = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } });
        TensorAssert.Equal(tf.math.reduce_prod(x), tf.float32, [], 24f);
        TensorAssert.Equal(tf.math.reduce_prod(x, 0), tf.float32, [2], 3f, 8f);
        TensorAssert.Equal(tf.math.reduce_prod(x, 1, keepdims: true), tf.float32, [2, 1], 2f, 12f);
        TensorAssert.Equal(tf.reduce_prod(tf.constant(new[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } }), [0, 2]), tf.int32, [2], 60, 672);
    }

    [Fact]
    public void Mean_of_integers_is_the_truncated_integer_mean()
    {
        // tf.reduce_mean's documented example: reduce_mean([1, 0, 1, 0]) is 0 (int32), of [1., 0., 1., 0.] 0.5.
        TensorAssert.Equal(tf.reduce_mean(Ints(1, 0, 1, 0)), tf.int32, [], 0);
        TensorAssert.Equal(tf.reduce_mean(tf.constant(new[] { 1f, 0f, 1f, 0f })), tf.float32, [], 0.5f);
        TensorAssert.Equal(tf.reduce_mean(tf.constant(new[,] { { 1, 2 }, { 4, 8 } }), 1), tf.int32, [2], 1, 6);
        TensorAssert.Equal(tf.reduce_mean(tf.constant(new long[] { -1, -2 })), tf.int64, [], -1L); // C++ truncation, not floor
        TensorAssert.Equal(tf.reduce_mean(tf.constant(new byte[] { 3, 4 })), tf.uint8, [], (byte)3);
    }

    [Fact]
    public void Reducing_no_axis_returns_the_values_unchanged()
    {
        TensorAssert.Equal(tf.reduce_sum(tf.constant(new[] { 1, 2 }), Array.Empty<int>()), tf.int32, [2], 1, 2);
        TensorAssert.Equal(tf.reduce_mean(tf.constant(7)), tf.int32, [], 7);
    }

    [Fact]
    public void Empty_reductions_sum_to_zero_and_an_empty_max_is_a_TfNotes_error()
    {
        var empty = tf.zeros(new[] { 0 }, tf.int32);
        TensorAssert.Equal(tf.reduce_sum(empty), tf.int32, [], 0);
        TensorAssert.Equal(tf.reduce_prod(empty), tf.int32, [], 1);
        Assert.StartsWith("Max: ", Assert.Throws<InvalidArgumentError>(() => tf.reduce_max(empty)).Message);
        Assert.StartsWith("Mean: ", Assert.Throws<InvalidArgumentError>(() => tf.reduce_mean(empty)).Message);
    }

    [Fact]
    public void Bool_tensors_do_not_sum_as_in_TensorFlow()
    {
        var flags = tf.constant(new[] { true, false, true });
        var e = Assert.Throws<InvalidArgumentError>(() => tf.reduce_sum(flags));
        Assert.Contains("Sum", e.Message);
        Assert.Contains("bool", e.Message);
        TensorAssert.Equal(tf.reduce_sum(tf.cast(flags, tf.int32)), tf.int32, [], 2);
    }

    [Fact]
    public void Bool_tensors_do_not_add_or_multiply_as_in_TensorFlow()
    {
        var flags = tf.constant(new[] { true, false });
        Assert.StartsWith("Add: Value for attr 'T' of bool", Assert.Throws<InvalidArgumentError>(() => flags + flags).Message);
        Assert.StartsWith("Mul: Value for attr 'T' of bool", Assert.Throws<InvalidArgumentError>(() => flags * flags).Message);
        Assert.StartsWith("Neg: ", Assert.Throws<InvalidArgumentError>(() => -flags).Message);
    }

    [Fact]
    public void Pow_of_integer_tensors_stays_integer()
    {
        // tf.pow's documented example: [[2, 2], [3, 3]] ** [[8, 16], [2, 3]] = [[256, 65536], [9, 27]].
        var x = tf.constant(new[,] { { 2, 2 }, { 3, 3 } });
        var y = tf.constant(new[,] { { 8, 16 }, { 2, 3 } });
        TensorAssert.Equal(tf.pow(x, y), tf.int32, [2, 2], 256, 65536, 9, 27);
        TensorAssert.Equal(tf.math.pow(tf.constant(new long[] { 3 }), tf.constant(new long[] { 2 })), tf.int64, [1], 9L);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.pow(Ints(2), Ints(-1)));
        Assert.Contains("Integers to negative integer powers are not allowed", e.Message);
        Assert.StartsWith("Pow: ", e.Message);
    }

    [Fact]
    public void Argmax_and_argmin_give_int64_by_default_as_the_API_reference()
    {
        var a = Ints(2, 20, 30, 3, 6);
        TensorAssert.Equal(tf.math.argmax(a), tf.int64, [], 2L);
        TensorAssert.Equal(tf.math.argmin(a), tf.int64, [], 0L);
        var b = tf.constant(new[,] { { 2, 20, 30, 3, 6 }, { 3, 11, 16, 1, 8 }, { 14, 45, 23, 5, 27 } });
        TensorAssert.Equal(tf.argmax(b, 0), tf.int64, [5], 2L, 2L, 0L, 2L, 2L);
        TensorAssert.Equal(tf.argmax(b, 1), tf.int64, [3], 2L, 2L, 1L);
        TensorAssert.Equal(tf.argmin(b, 1, output_type: tf.int32), tf.int32, [3], 0, 3, 3);
    }

    [Fact]
    public void Any_and_all_match_the_API_reference()
    {
        var x = tf.constant(new[,] { { true, true }, { false, false } });
        TensorAssert.Equal(tf.reduce_any(x), tf.@bool, [], true);
        TensorAssert.Equal(tf.reduce_any(x, 0), tf.@bool, [2], true, true);
        TensorAssert.Equal(tf.reduce_any(x, 1), tf.@bool, [2], true, false);
        TensorAssert.Equal(tf.reduce_all(x), tf.@bool, [], false);
        TensorAssert.Equal(tf.reduce_all(x, 0), tf.@bool, [2], false, false);
        TensorAssert.Equal(tf.reduce_all(x, 1, keepdims: true), tf.@bool, [2, 1], true, false);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.reduce_any(Ints(1, 0)));
        Assert.Contains("expected to be a bool tensor but is a int32 tensor", e.Message);
    }

    [Fact]
    public void Float_only_ops_reject_integers_with_TensorFlows_error()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.sqrt(Ints(4)));
        Assert.Equal("Sqrt: Value for attr 'T' of int32 is not in the list of allowed values: float32, float64 (input of shape (1,))", e.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.exp(Ints(1)));
        Assert.Throws<InvalidArgumentError>(() => tf.math.log1p(Ints(1)));
        TensorAssert.Equal(tf.square(Ints(-3)), tf.int32, [1], 9);
        TensorAssert.Equal(tf.abs(Ints(-3)), tf.int32, [1], 3);
    }

    [Fact]
    public void Shape_and_dtype_errors_name_the_op_and_both_operands()
    {
        var shapes = Assert.Throws<InvalidArgumentError>(() => tf.math.floordiv(Ints(1, 2), Ints(1, 2, 3)));
        Assert.Equal("FloorDiv: Incompatible shapes: [2] vs. [3]", shapes.Message);
        var dtypes = Assert.Throws<InvalidArgumentError>(() => tf.math.floormod(Ints(1), tf.constant(new long[] { 1 })));
        Assert.Contains("int32", dtypes.Message);
        Assert.Contains("int64", dtypes.Message);
        Assert.StartsWith("FloorMod: ", dtypes.Message);
    }
}
