using NumSharp;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

public class TensorApiTests
{
    [Fact]
    public void Tensors_print_like_TensorFlow()
    {
        Assert.Equal("tf.Tensor(5.0, shape=(), dtype=float32)", tf.constant(5.0f).ToString());
        Assert.Equal("tf.Tensor(0.1, shape=(), dtype=float32)", tf.constant(0.1).ToString());
        Assert.Equal("tf.Tensor(0.1, shape=(), dtype=float64)", tf.constant(0.1, dtype: tf.float64).ToString());
        Assert.Equal("tf.Tensor([1.  2.5], shape=(2,), dtype=float32)", tf.constant(new[] { 1f, 2.5f }).ToString());
        Assert.Equal("tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int32)", tf.constant(new[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("<tf.Variable 'w:0' shape=() dtype=float32, numpy=0.0>", tf.Variable(0, dtype: tf.float32, name: "w").ToString());
    }

    [Fact]
    public void Shape_dtype_and_values_round_trip_through_numpy()
    {
        var data = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var t = tf.constant(data);
        Assert.Equal("(2, 3)", t.shape.ToString());
        Assert.Equal(tf.float32, t.dtype);
        NDArray nd = t.numpy();
        Assert.Equal(new[] { 2, 3 }, nd.shape.Select(d => (int)d).ToArray());
        Assert.Equal(6f, nd.GetSingle(1, 2));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, tf.constant(nd).ToArray<float>());
        Assert.Equal(tf.float64, tf.constant(np.array(new[] { 1.0, 2.0 })).dtype);
        Assert.Equal(tf.int64, tf.constant(new long[] { 1 }).dtype);
        Assert.Equal(new[] { 3L, 2L }, tf.constant(new float[] { 1, 2, 3, 4, 5, 6 }, shape: new[] { 3, 2 }).shape.dims);
    }

    [Fact]
    public void Operators_take_numbers_on_either_side_in_the_tensors_dtype()
    {
        var x = tf.constant(new[] { 1f, 2f, 4f });
        Assert.Equal(new[] { 3f, 4f, 6f }, (x + 2).ToArray<float>());
        Assert.Equal(new[] { 1f, 0f, -2f }, (2 - x).ToArray<float>());
        Assert.Equal(new[] { 3f, 6f, 12f }, (3 * x).ToArray<float>());
        Assert.Equal(new[] { 4f, 2f, 1f }, (4 / x).ToArray<float>());
        Assert.Equal(new[] { 0.5f, 1f, 2f }, (x / 2).ToArray<float>());
        Assert.Equal(new[] { -1f, -2f, -4f }, (-x).ToArray<float>());
        Assert.Equal(tf.float32, (x * 2.5).dtype);
    }

    [Fact]
    public void Variables_assign_and_work_as_tensors()
    {
        var v = tf.Variable(new[] { 1.0, 2.0 }, name: "v");
        Assert.True(v.trainable);
        Assert.Equal("v", v.name);
        v.assign(tf.constant(new[] { 3.0, 4.0 }));
        v.assign_add(tf.constant(new[] { 1.0, 1.0 }));
        v.assign_sub(tf.constant(new[] { 0.5, 0.5 }));
        Assert.Equal(tf.float32, v.dtype);
        Assert.Equal(new[] { 3.5f, 4.5f }, v.numpy().ToArray<float>());
        Assert.Equal(new[] { 7f, 9f }, tf.add(v, v).ToArray<float>());
        var e = Assert.Throws<ArgumentException>(() => v.assign(tf.constant(new[] { 1.0, 2.0, 3.0 })));
        Assert.Contains("'v'", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void Assign_converts_numbers_and_NumPy_arrays_to_the_variables_dtype_and_refuses_a_tensor_of_another_dtype()
    {
        // TF: v.assign(value) is convert_to_tensor(value, dtype=v.dtype): a float64 tensor into a float32 variable is
        // "Tensor conversion requested dtype float32 for Tensor with dtype float64"; Python numbers and NumPy convert.
        var v = tf.Variable(new[] { 1f, 2f }, name: "w");
        var e = Assert.Throws<ArgumentException>(() => v.assign(tf.constant(new[] { 3.0, 4.0 }, tf.float64)));
        Assert.Contains("Tensor conversion requested dtype float32 for Tensor with dtype float64", e.Message);
        Assert.Equal(new[] { 1f, 2f }, v.numpy().ToArray<float>());
        v.assign(np.array(new[] { 0.25, 0.5 }));
        Assert.Equal(tf.float32, v.dtype);
        Assert.Equal(new[] { 0.25f, 0.5f }, v.numpy().ToArray<float>());
        v.assign_add(np.array(new[] { 1.0, 1.0 }));
        Assert.Equal(new[] { 1.25f, 1.5f }, v.numpy().ToArray<float>());

        var counter = tf.Variable(1, name: "n");
        counter.assign_add(2);
        Assert.Equal(tf.int32, counter.dtype);
        Assert.Equal(3, (int)counter);
        Assert.Equal("Cannot convert 2.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => counter.assign(2.5)).Message);
        Assert.Throws<ArgumentException>(() => counter.assign(tf.constant(4L)));
    }

    [Fact]
    public void Tf_math_pow_of_an_integer_tensor_by_an_int_keeps_the_integer_dtype_as_tf_pow()
    {
        var x = tf.constant(new[] { 2, 3 });
        var squared = tf.math.pow(x, 2);
        Assert.Equal(tf.int32, squared.dtype);
        Assert.Equal(new[] { 4, 9 }, squared.ToArray<int>());
    }

    [Fact]
    public void Creation_ops()
    {
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, tf.zeros(new[] { 2, 2 }).ToArray<float>());
        Assert.Equal(new[] { 1.0, 1.0 }, tf.ones(new[] { 2 }, tf.float64).ToArray<double>());
        Assert.Equal(new[] { 7, 7, 7 }, tf.fill(new[] { 3 }, 7).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, tf.range(5).ToArray<int>());
        Assert.Equal(new[] { 1f, 1.5f, 2f }, tf.range(1, 2.5, 0.5).ToArray<float>());
    }

    [Fact]
    public void Random_ops_are_reproducible_and_have_the_requested_moments()
    {
        tf.random.set_seed(42);
        var a = tf.random.normal(new[] { 100_000 }, mean: 2.0, stddev: 3.0).ToArray<float>();
        tf.random.set_seed(42);
        var b = tf.random.normal(new[] { 100_000 }, mean: 2.0, stddev: 3.0).ToArray<float>();
        Assert.Equal(a, b);
        double mean = a.Average(v => (double)v);
        double std = Math.Sqrt(a.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 1.95, 2.05);
        Assert.InRange(std, 2.95, 3.05);
        var u = tf.random.uniform(new[] { 100_000 }, -1, 3, seed: 7).ToArray<float>();
        Assert.InRange(u.Min(), -1f, -0.99f);
        Assert.InRange(u.Max(), 2.99f, 3f);
        Assert.InRange(u.Average(v => (double)v), 0.98, 1.02);
    }

    [Fact]
    public void Math_ops_compute_the_right_values()
    {
        var x = tf.constant(new[,] { { 1.0, -2.0, 3.0 }, { -4.0, 5.0, -6.0 } }, dtype: tf.float64);
        Assert.Equal(new[] { 2.0, -5.0 }, tf.reduce_sum(x, axis: 1).ToArray<double>());
        Assert.Equal(new[,] { { -1.5, 1.5, -1.5 } }.Cast<double>(), tf.reduce_mean(x, axis: 0, keepdims: true).ToArray<double>());
        Assert.Equal(5.0, (double)tf.reduce_max(x));
        Assert.Equal(new long[] { 2, 1 }, tf.argmax(x, axis: 1).ToArray<long>());
        Assert.Equal(new[] { 3, 2 }, tf.transpose(x).shape.dims.Select(d => (int)d));
        Assert.Equal(new[] { 1.0, 0.0, 1.0, 0.0, 1.0, 0.0 }, tf.clip_by_value(x, 0, 1).ToArray<double>());
        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, tf.abs(x).ToArray<double>());
        Assert.Equal(new[] { 1.0, -2.0, 3.0, -4.0, 5.0, -6.0, 1.0, -2.0, 3.0, -4.0, 5.0, -6.0 }, tf.concat([x, x], axis: 0).ToArray<double>());
        Assert.Equal(new[] { 2, 2, 3 }, tf.stack([x, x]).shape.dims.Select(d => (int)d));
        Assert.Equal(new[] { true, false }, tf.equal(tf.constant(new[] { 1, 2 }), tf.constant(new[] { 1, 3 })).ToArray<bool>());
        Assert.Equal(new[] { 1, -2 }, tf.cast(tf.constant(new[] { 1.7, -2.2 }), tf.int32).ToArray<int>());
        var m = tf.matmul(x, x, transpose_b: true); // [[14, -32], [-32, 77]]
        Assert.Equal(new[] { 14.0, -32.0, -32.0, 77.0 }, m.ToArray<double>());
        Assert.Equal(new[] { 3.0, 8.0 }, tf.maximum(tf.constant(new[] { 3.0, 1.0 }, tf.float64), tf.constant(new[] { 2.0, 8.0 }, tf.float64)).ToArray<double>());
    }

    [Fact]
    public void One_hot_is_float32_with_on_and_off_values_and_empty_rows_out_of_range()
    {
        var oh = tf.one_hot(tf.constant(new[] { 0, 2, 5, -1 }), 3);
        Assert.Equal(tf.float32, oh.dtype);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, oh.ToArray<float>());
        Assert.Equal(new float[] { -1, 5, -1 }, tf.one_hot(tf.constant(new[] { 1 }), 3, on_value: 5, off_value: -1).ToArray<float>());
    }

    [Fact]
    public void Softmax_is_stable_and_moments_are_biased()
    {
        var s = tf.nn.softmax(tf.constant(new[] { 1000.0, 1001.0, 1002.0 }, tf.float64)).ToArray<double>();
        double z = 1 + Math.E + Math.E * Math.E;
        Assert.Equal(1 / z, s[0], 12);
        Assert.Equal(Math.E * Math.E / z, s[2], 12);
        var (mean, variance) = tf.nn.moments(tf.constant(new[,] { { 1.0, 2.0 }, { 3.0, 6.0 } }, tf.float64), [0]);
        Assert.Equal(new[] { 2.0, 4.0 }, mean.ToArray<double>());
        Assert.Equal(new[] { 1.0, 4.0 }, variance.ToArray<double>());
    }
}

public class BadInputTests
{
    [Fact]
    public void Matmul_names_both_shapes_as_TensorFlow()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.matmul(tf.ones(new[] { 2, 3 }), tf.ones(new[] { 4, 5 })));
        Assert.Contains("Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]", e.Message);
    }

    [Fact]
    public void Elementwise_ops_name_the_op_and_both_shapes()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.ones(new[] { 2, 3 }) + tf.ones(new[] { 4, 5 }));
        Assert.Contains("Add", e.Message);
        Assert.Contains("[2,3] vs. [4,5]", e.Message);
        e = Assert.Throws<InvalidArgumentError>(() => tf.multiply(tf.ones(new[] { 3 }), tf.ones(new[] { 2 })));
        Assert.Contains("Mul", e.Message);
    }

    [Fact]
    public void Mixed_dtypes_are_refused_as_TensorFlow_does()
    {
        var e = Assert.Throws<InvalidArgumentError>(() => tf.constant(1.0f) + tf.constant(1.0, tf.float64));
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void Unsupported_arrays_get_a_clear_message()
    {
        Assert.Contains("decimal", Assert.Throws<ArgumentException>(() => tf.constant(new decimal[] { 1m })).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("jagged", Assert.Throws<ArgumentException>(() => tf.constant(new[] { new[] { 1f } })).Message);
        Assert.Contains("rank 9", Assert.Throws<ArgumentException>(() => tf.constant(Array.CreateInstance(typeof(float), 1, 1, 1, 1, 1, 1, 1, 1, 1))).Message);
        Assert.Contains("String", Assert.Throws<ArgumentException>(() => tf.constant("text")).Message);
    }

    [Fact]
    public void Reshape_and_reductions_name_the_problem()
    {
        Assert.Contains("6 values", Assert.Throws<InvalidArgumentError>(() => tf.reshape(tf.ones(new[] { 2, 3 }), new[] { 4, 2 })).Message);
        Assert.Contains("Invalid reduction dimension", Assert.Throws<InvalidArgumentError>(() => tf.reduce_sum(tf.ones(new[] { 2, 3 }), axis: 2)).Message);
    }

    [Fact]
    public void A_tensor_not_used_again_before_a_further_step_ends_is_freed_and_says_how_to_keep_it()
    {
        var w = tf.Variable(1.0);
        Tensor inside;
        Tensor kept;
        using (var tape = tf.GradientTape())
        {
            inside = w * 2.0;
            kept = (w * 3.0).keep();
        }
        using (var next = tf.GradientTape()) _ = w * 4.0; // a further step ends without reading `inside`
        Assert.Equal(3.0, (double)kept);
        var e = Assert.Throws<ObjectDisposedException>(() => (double)inside);
        Assert.Contains("keep()", e.Message);
    }
}
