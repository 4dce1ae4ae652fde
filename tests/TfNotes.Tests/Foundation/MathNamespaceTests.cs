using TfNotes;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary><c>tf.math</c>, the nn additions, <c>tf.linspace</c>, integer <c>tf.random.uniform</c>, <c>tf.one_hot(axis)</c>.</summary>
public class MathNamespaceTests
{
    static Tensor F64(params double[] values) => tf.constant(values, tf.float64);

    [Fact]
    public void Elementwise_ops_give_float64_hand_math()
    {
        var x = F64(0.5, -1.25, 2.0);
        TensorAssert.Close(tf.math.sin(x), tf.float64, [3], 1e-15, Math.Sin(0.5), Math.Sin(-1.25), Math.Sin(2.0));
        TensorAssert.Close(tf.math.cos(x), tf.float64, [3], 1e-15, Math.Cos(0.5), Math.Cos(-1.25), Math.Cos(2.0));
        TensorAssert.Close(tf.math.tan(x), tf.float64, [3], 1e-15, Math.Tan(0.5), Math.Tan(-1.25), Math.Tan(2.0));
        TensorAssert.Close(tf.math.log1p(F64(1e-10)), tf.float64, [1], 1e-25, 9.9999999995e-11);
        TensorAssert.Close(tf.math.expm1(F64(1e-10)), tf.float64, [1], 1e-25, 1.00000000005e-10);
        TensorAssert.Close(tf.math.log1p(F64(1.0)), tf.float64, [1], 1e-15, Math.Log(2));
        TensorAssert.Close(tf.math.expm1(F64(1.0)), tf.float64, [1], 1e-15, Math.E - 1);
        TensorAssert.Close(tf.math.rsqrt(F64(4.0, 0.25)), tf.float64, [2], 1e-15, 0.5, 2.0);
        TensorAssert.Close(tf.math.reciprocal(F64(4.0, -0.5)), tf.float64, [2], 0, 0.25, -2.0);
        TensorAssert.Equal(tf.math.reciprocal(tf.constant(new[] { 1, 2, -1 })), tf.int32, [3], 1, 0, -1);
        TensorAssert.Equal(tf.math.sign(tf.constant(new[] { -3, 0, 7 })), tf.int32, [3], -1, 0, 1);
        TensorAssert.Equal(tf.math.negative(tf.constant(new[] { -3, 7 })), tf.int32, [2], 3, -7);
        TensorAssert.Equal(tf.math.floor(F64(-1.5, 1.5)), tf.float64, [2], -2.0, 1.0);
        TensorAssert.Equal(tf.math.ceil(F64(-1.5, 1.5)), tf.float64, [2], -1.0, 2.0);
        TensorAssert.Close(tf.math.sigmoid(F64(0, 2)), tf.float64, [2], 1e-16, 0.5, 1 / (1 + Math.Exp(-2)));
        TensorAssert.Close(tf.math.tanh(F64(0.5)), tf.float64, [1], 1e-16, Math.Tanh(0.5));
        TensorAssert.Equal(tf.math.is_nan(F64(double.NaN, 1)), tf.@bool, [2], true, false);
        TensorAssert.Equal(tf.math.is_finite(F64(double.PositiveInfinity, 1)), tf.@bool, [2], false, true);
    }

    [Fact]
    public void Round_is_half_to_even_and_keeps_integers()
    {
        // tf.math.round's documented example: [0.9, 2.5, 2.3, 1.5, -4.5] → [1.0, 2.0, 2.0, 2.0, -4.0].
        TensorAssert.Equal(tf.math.round(tf.constant(new[] { 0.9f, 2.5f, 2.3f, 1.5f, -4.5f })), tf.float32, [5], 1f, 2f, 2f, 2f, -4f);
        TensorAssert.Equal(tf.round(tf.constant(new[] { 3 })), tf.int32, [1], 3);
    }

    [Fact]
    public void Maximum_and_minimum_match_the_API_reference_and_give_ties_to_x()
    {
        var zeros = tf.constant(new[] { 0f, 0f, 0f, 0f });
        TensorAssert.Equal(tf.math.maximum(zeros, tf.constant(new[] { -2f, 0f, 2f, 5f })), tf.float32, [4], 0f, 0f, 2f, 5f);
        TensorAssert.Equal(tf.math.maximum(tf.constant(new[] { -5f, 0f, 0f, 0f }), tf.constant(new[] { -3f })), tf.float32, [4], -3f, 0f, 0f, 0f);
        TensorAssert.Equal(tf.math.minimum(tf.constant(new[] { 0, 0, 0, 0 }), tf.constant(new[] { -5, -2, 0, 3 })), tf.int32, [4], -5, -2, 0, 0);
        TensorAssert.Equal(tf.maximum(tf.constant(new[] { -1.5, 2.0 }, tf.float64), 0), tf.float64, [2], 0.0, 2.0);

        var a = tf.Variable(new[] { 1.0, 2.0, 3.0 }, dtype: tf.float64);
        var b = tf.Variable(new[] { 1.0, 5.0, 0.0 }, dtype: tf.float64);
        using var tape = tf.GradientTape(persistent: true);
        var max = tf.reduce_sum(tf.maximum(a, b));
        var min = tf.reduce_sum(tf.minimum(a, b));
        var relu = tf.reduce_sum(tf.maximum(a - 1.0, 0.0));
        // TensorFlow's x >= y (x <= y) mask: the tie at index 0 sends all of the gradient to x; libtorch would split it.
        TensorAssert.Equal(tape.gradient(max, a)!, tf.float64, [3], 1.0, 0.0, 1.0);
        TensorAssert.Equal(tape.gradient(max, b)!, tf.float64, [3], 0.0, 1.0, 0.0);
        TensorAssert.Equal(tape.gradient(min, a)!, tf.float64, [3], 1.0, 1.0, 0.0);
        TensorAssert.Equal(tape.gradient(relu, a)!, tf.float64, [3], 1.0, 1.0, 1.0);
    }

    [Fact]
    public void Softplus_matches_the_API_reference_and_TensorFlows_cutoff()
    {
        // tf.math.softplus(tf.range(0, 2, dtype=tf.float32)) → [0.6931472, 1.3132616].
        TensorAssert.Equal(tf.math.softplus(tf.range(0, 2, dtype: tf.float32)), tf.float32, [2], 0.6931472f, 1.3132616f);
        // Between libtorch's cut-off (20) and TensorFlow's (34.04 in float64) the float64 result is log1p(exp(x)).
        TensorAssert.Close(tf.nn.softplus(F64(25.0, -3.0)), tf.float64, [2], 1e-14, 25 + Math.Log(1 + Math.Exp(-25)), Math.Log(1 + Math.Exp(-3)));
        Assert.NotEqual(25.0, tf.nn.softplus(F64(25.0)).ToArray<double>()[0]);
        TensorAssert.Close(tf.math.log_sigmoid(F64(-800, 0)), tf.float64, [2], 1e-12, -800, -Math.Log(2));
    }

    [Fact]
    public void Sigmoid_cross_entropy_with_logits_matches_the_API_reference()
    {
        var logits = tf.constant(new[] { 1f, -1f, 0f, 1f, -1f, 0f, 0f });
        var labels = tf.constant(new[] { 0f, 0f, 0f, 1f, 1f, 1f, 0.5f });
        TensorAssert.Close(tf.nn.sigmoid_cross_entropy_with_logits(labels, logits), tf.float32, [7], 1e-6,
            1.3132617, 0.3132617, 0.6931472, 0.3132617, 1.3132617, 0.6931472, 0.6931472);
        // Stable for large logits (the naive form overflows) and its gradient is sigmoid(x) − z, also at x = 0.
        TensorAssert.Close(tf.nn.sigmoid_cross_entropy_with_logits(F64(1.0, 0.0), F64(800, -800)), tf.float64, [2], 1e-12, 0.0, 0.0);
        var x = tf.Variable(new[] { 0.0, 2.0 }, dtype: tf.float64);
        using var tape = tf.GradientTape();
        var loss = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(F64(1.0, 0.25), x));
        TensorAssert.Close(tape.gradient(loss, x)!, tf.float64, [2], 1e-15, 0.5 - 1.0, 1 / (1 + Math.Exp(-2)) - 0.25);
        var e = Assert.Throws<ArgumentException>(() => tf.nn.sigmoid_cross_entropy_with_logits(F64(1, 0), F64(1, 0, 1)));
        Assert.StartsWith("sigmoid_cross_entropy_with_logits: `logits` and `labels` must have the same shape, received ((3,) vs (2,)).", e.Message);
    }

    [Fact]
    public void Variance_and_std_match_the_API_reference()
    {
        var x = tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } });
        TensorAssert.Equal(tf.math.reduce_variance(x), tf.float32, [], 1.25f);
        TensorAssert.Equal(tf.math.reduce_variance(x, 0), tf.float32, [2], 1f, 1f);
        TensorAssert.Equal(tf.math.reduce_variance(x, 1), tf.float32, [2], 0.25f, 0.25f);
        TensorAssert.Close(tf.math.reduce_std(x), tf.float32, [], 1e-6, 1.118034);
        TensorAssert.Equal(tf.math.reduce_std(x, 1, keepdims: true), tf.float32, [2, 1], 0.5f, 0.5f);
        Assert.Contains("Input must be either real or complex", Assert.Throws<ArgumentException>(() => tf.math.reduce_variance(tf.constant(new[] { 1, 2 }))).Message);
    }

    [Fact]
    public void Linspace_matches_the_API_reference()
    {
        TensorAssert.Equal(tf.linspace(10.0, 12.0, 3), tf.float32, [3], 10f, 11f, 12f);
        var start = tf.constant(new[] { 0f, 5f });
        var stop = tf.constant(new[] { 10f, 15f });
        TensorAssert.Equal(tf.linspace(start, stop, 5, axis: 0), tf.float32, [5, 2], 0f, 5f, 2.5f, 7.5f, 5f, 10f, 7.5f, 12.5f, 10f, 15f);
        TensorAssert.Equal(tf.linspace(start, stop, 5, axis: -1), tf.float32, [2, 5], 0f, 2.5f, 5f, 7.5f, 10f, 5f, 7.5f, 10f, 12.5f, 15f);
        TensorAssert.Equal(tf.linspace(0.0, 1.0, 1), tf.float32, [1], 0f);
        TensorAssert.Equal<float>(tf.linspace(0.0, 1.0, 0), tf.float32, [0]);
        // TensorFlow's formula start + i·((stop − start)/(num − 1)), and exactly stop at the end, in float64.
        double delta = (1.0 - 0.1) / 6;
        TensorAssert.Equal(tf.linspace(F64(0.1)[0], F64(1.0)[0], 7), tf.float64, [7],
            0.1, 0.1 + delta, 0.1 + 2 * delta, 0.1 + 3 * delta, 0.1 + 4 * delta, 0.1 + 5 * delta, 1.0);
        Assert.Contains("LinSpace: Value for attr 'T' of int32", Assert.Throws<InvalidArgumentError>(() => tf.linspace(tf.constant(0), tf.constant(1), 3)).Message);
    }

    [Fact]
    public void Integer_uniform_is_half_open_and_needs_maxval()
    {
        var draws = tf.random.uniform(new[] { 10_000 }, minval: -2, maxval: 3, dtype: tf.int32, seed: 7);
        Assert.Equal(tf.int32, draws.dtype);
        Assert.Equal(new long[] { 10_000 }, draws.shape.dims);
        var values = draws.ToArray<int>();
        Assert.Equal(new[] { -2, -1, 0, 1, 2 }, values.Distinct().Order().ToArray());
        Assert.Equal(tf.int64, tf.random.uniform(new[] { 2 }, maxval: 5, dtype: tf.int64).dtype);
        Assert.Equal("uniform: Must specify maxval for integer dtype int32 (Parameter 'maxval')",
            Assert.Throws<ArgumentException>(() => tf.random.uniform(new[] { 2 }, dtype: tf.int32)).Message);
        Assert.Contains("Need minval < maxval: 5 >= 5", Assert.Throws<InvalidArgumentError>(() => tf.random.uniform(new[] { 2 }, 5, 5, tf.int32)).Message);
        var floats = tf.random.uniform(new[] { 1000 }, seed: 3).ToArray<float>();
        Assert.True(floats.All(v => v >= 0 && v < 1));
    }

    [Fact]
    public void One_hot_on_any_axis_matches_the_API_reference()
    {
        var indices = tf.constant(new[] { 0, 2, -1, 1 });
        TensorAssert.Equal(tf.one_hot(indices, 3, on_value: 5.0, off_value: 0.0, axis: -1), tf.float32, [4, 3], 5f, 0f, 0f, 0f, 0f, 5f, 0f, 0f, 0f, 0f, 5f, 0f);
        TensorAssert.Equal(tf.one_hot(indices, 3, on_value: 5.0, off_value: 0.0, axis: 0), tf.float32, [3, 4], 5f, 0f, 0f, 0f, 0f, 0f, 0f, 5f, 0f, 5f, 0f, 0f);
        var matrix = tf.constant(new[,] { { 0, 2 }, { 1, -1 } });
        TensorAssert.Equal(tf.one_hot(matrix, 3, axis: 1), tf.float32, [2, 3, 2], 1f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 0f);
        Assert.Equal("OneHot: Expected axis to be -1 or between [0, 2).  But received: 2",
            Assert.Throws<InvalidArgumentError>(() => tf.one_hot(indices, 3, axis: 2)).Message);
        Assert.Contains("'TI' of float32", Assert.Throws<InvalidArgumentError>(() => tf.one_hot(tf.constant(new[] { 1f }), 3)).Message);
    }

    [Fact]
    public void The_version_is_the_TensorFlow_release_followed() => Assert.Equal("2.16.1", tf.__version__);

    [Fact]
    public void New_elementwise_ops_vectorize_in_map_and_others_fall_back_with_the_same_rows()
    {
        var rows = tf.constant(new[,] { { 1f, -2f, 3f }, { -4f, 5f, -6f }, { 7f, 8f, -9f } });
        Tensor Elementwise(Tensor x) => tf.where(x > 0, tf.math.floormod(x, tf.constant(4f)), tf.maximum(x, -5.0)) + tf.cast(x == 3, tf.float32);
        var vectorized = tf.data.Dataset.from_tensor_slices(rows).map(Elementwise);
        foreach (var batch in vectorized.batch(3))
            TensorAssert.Equal(batch, tf.float32, [3, 3], 1f, -2f, 4f, -4f, 1f, -5f, 3f, 0f, -5f);
        Assert.Null(((MapDataset<Tensor, Tensor>)vectorized).NotVectorizedBecause);

        var sliced = tf.data.Dataset.from_tensor_slices(rows).map(x => x[..2] * 2.0);
        foreach (var batch in sliced.batch(3))
            TensorAssert.Equal(batch, tf.float32, [3, 2], 2f, -4f, -8f, 10f, 14f, 16f);
        Assert.NotNull(((MapDataset<Tensor, Tensor>)sliced).NotVectorizedBecause);
    }
}
