using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>Keras' core layers: Dropout's statistics, Flatten, Reshape, Activation, ReLU, Softmax, and the input casts.</summary>
public class CoreLayerTests
{
    [Fact]
    public void Dropout_zeroes_about_rate_of_the_values_scales_the_rest_and_is_the_identity_at_inference()
    {
        var x = tf.ones(new Shape(400, 250));
        var dropout = tf.keras.layers.Dropout(0.3, seed: 5);
        var y = dropout.Apply(x, training: true);
        var values = y.ToArray<float>();
        double zeros = values.Count(v => v == 0) / (double)values.Length;
        // 100,000 Bernoulli(0.3) draws: the fraction is within 5 standard deviations (0.0072) of 0.3.
        Assert.InRange(zeros, 0.3 - 0.0072, 0.3 + 0.0072);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal(1 / 0.7f, v, 1e-6f));
        Assert.InRange(values.Average(v => (double)v), 1 - 5 * Math.Sqrt(0.3 / 0.7 / 1e5), 1 + 5 * Math.Sqrt(0.3 / 0.7 / 1e5));
        Assert.Equal(x.ToArray<float>(), dropout.Apply(x, training: false).ToArray<float>());
        Assert.Equal(values, tf.keras.layers.Dropout(0.3, seed: 5).Apply(x, training: true).ToArray<float>()); // a seed repeats the masks
        Assert.NotEqual(values, dropout.Apply(x, training: true).ToArray<float>());                            // and moves on
        Assert.Contains("Expected a float value between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => tf.keras.layers.Dropout(1.5)).Message);
    }

    [Fact]
    public void Dropout_lets_the_gradient_through_the_kept_values_only()
    {
        var x = tf.Variable(tf.ones(new Shape(20, 20)));
        using var tape = tf.GradientTape();
        var y = tf.keras.layers.Dropout(0.5, seed: 1).Apply(x, training: true);
        var grad = tape.gradient(tf.reduce_sum(y), x)!;
        Assert.Equal(y.ToArray<float>(), grad.ToArray<float>()); // y = x·mask/0.5 with x = 1: dy/dx is the same mask/0.5
    }

    [Fact]
    public void Flatten_and_reshape_keep_the_batch_axis_and_the_dtype()
    {
        var images = tf.cast(tf.range(2 * 28 * 28), tf.uint8);
        images = tf.reshape(images, new Shape(2, 28, 28));
        var flat = tf.keras.layers.Flatten().Apply(images);
        Assert.Equal(new Shape(2, 784), flat.shape);
        Assert.Equal(DType.UInt8, flat.dtype);
        var reshaped = tf.keras.layers.Reshape([7, -1]).Apply(flat);
        Assert.Equal(new Shape(2, 7, 112), reshaped.shape);
        Assert.Equal(images.ToArray<byte>(), reshaped.ToArray<byte>());
        var e = Assert.Throws<InvalidArgumentError>(() => tf.keras.layers.Reshape([27, 28]).Apply(flat));
        Assert.Contains("The total size of the tensor must be unchanged", e.Message);
        Assert.Contains("input_shape=(784,)", e.Message);
        Assert.Contains("target_shape=(27, 28)", e.Message);
    }

    [Fact]
    public void Activation_relu_variants_and_softmax()
    {
        var x = tf.constant(new[,] { { -3f, -1, 0, 0.5f, 2, 7 } });
        Assert.Equal(new[] { 0f, 0, 0, 0.5f, 2, 7 }, tf.keras.layers.Activation("relu").Apply(x).ToArray<float>());
        Assert.Equal(new[] { 0f, 0, 0, 0.5f, 2, 7 }, tf.keras.layers.ReLU().Apply(x).ToArray<float>());
        // max_value 6, negative_slope 0.1, threshold 1: f = 6 above 6, x in [1, 6), 0.1·(x − 1) below 1.
        var relu = tf.keras.layers.ReLU(max_value: 6, negative_slope: 0.1, threshold: 1).Apply(x).ToArray<float>();
        Hand.Close([-0.4, -0.2, -0.1, -0.05, 2, 6], Array.ConvertAll(relu, v => (double)v), 1e-7, "relu");
        Assert.Equal("re_lu", tf.keras.layers.ReLU().name);
        var z = Hand.Values(3, 4, seed: 2, scale: 3);
        Hand.Close(Hand.Softmax(z), Hand.Matrix(tf.keras.layers.Softmax().Apply(Hand.Float32(z))), 1e-6, "softmax");
    }

    [Fact]
    public void Dense_casts_integer_and_float64_inputs_to_float32_as_keras_3()
    {
        var dense = tf.keras.layers.Dense(3, kernel_initializer: new TfNotes.Keras.Initializers.Constant(0.5));
        var pixels = tf.constant(new byte[,] { { 0, 255, 10, 1 } });
        var fromBytes = dense.Apply(pixels);
        Assert.Equal(DType.Float32, fromBytes.dtype);
        Assert.Equal(new[] { 133f, 133f, 133f }, fromBytes.ToArray<float>());
        Assert.Equal(fromBytes.ToArray<float>(), dense.Apply(tf.constant(new[,] { { 0, 255, 10, 1 } })).ToArray<float>());
        Assert.Equal(DType.Float32, dense.Apply(tf.constant(new[,] { { 0.0, 255, 10, 1 } }, dtype: tf.float64)).dtype);
        Assert.Equal(DType.Float32, tf.keras.layers.BatchNormalization().Apply(tf.constant(new[,] { { 1, 2 }, { 3, 5 } }), training: true).dtype);
    }

    [Fact]
    public void User_initializers_subclass_initializer()
    {
        var dense = tf.keras.layers.Dense(2, kernel_initializer: new Diagonal(), bias_initializer: "ones");
        Assert.Equal(new[] { 1f, 5 }, dense.Apply(tf.constant(new[,] { { 0f, 4 } })).ToArray<float>()); // x·I + 1
        Assert.Equal(new[] { 1f, 0, 0, 1 }, dense.kernel!.ToArray<float>());
        Assert.Equal(new[] { 3f, 3, 3, 3 }, tf.keras.initializers.Constant(3).Apply(new Shape(2, 2)).ToArray<float>());
        Assert.Equal(DType.Float64, tf.keras.initializers.Constant(3).Apply(new Shape(2), tf.float64).dtype);
        Assert.Contains("glorot_uniform", Assert.Throws<ArgumentException>(() => tf.keras.layers.Dense(2, kernel_initializer: "orthogonal")).Message);
    }

    /// <summary>A Keras-style custom initializer: the identity's diagonal.</summary>
    sealed class Diagonal : TfNotes.Keras.Initializers.Initializer
    {
        protected override Tensor Call(Shape shape, DType dtype)
        {
            var values = new float[shape[0], shape[1]];
            for (int i = 0; i < Math.Min(shape[0], shape[1]); i++) values[i, i] = 1;
            return tf.constant(values);
        }
    }
}
