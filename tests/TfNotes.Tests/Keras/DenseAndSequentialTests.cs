using TfNotes.Keras.Layers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

public class DenseAndSequentialTests
{
    [Fact]
    public void Dense_is_built_on_first_apply_and_computes_x_times_W_plus_b()
    {
        var dense = tf.keras.layers.Dense(3, kernel_initializer: tf.keras.initializers.GlorotNormal(seed: 1), bias_initializer: tf.keras.initializers.Ones());
        Assert.False(dense.built);
        Assert.Null(dense.kernel);
        var x = Hand.Float32(Hand.Values(5, 4, seed: 2));
        var y = Hand.Matrix(dense.Apply(x));

        Assert.Equal(new Shape(4, 3), dense.kernel!.shape);
        Assert.Equal(new Shape(3), dense.bias!.shape);
        var (X, W) = (Hand.Matrix(x), Hand.Matrix(dense.kernel));
        var expected = new double[5, 3];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) { expected[i, j] = 1; for (int k = 0; k < 4; k++) expected[i, j] += X[i, k] * W[k, j]; }
        Hand.Close(expected, y, 1e-6, "x·W + b");
        Assert.Equal([dense.kernel, dense.bias], dense.trainable_variables);
        Assert.Empty(dense.non_trainable_variables);
    }

    [Fact]
    public void An_unbuilt_Dense_computes_its_output_shape_from_units_as_Keras()
    {
        var dense = new Dense(4);
        Assert.Equal(new Shape(2, 5, 4), dense.compute_output_shape(new Shape(2, 5, 3)));
        Assert.False(dense.built);
    }

    [Fact]
    public void Activations_by_name_or_function()
    {
        var x = tf.constant(new float[,] { { -1, 2 } });
        var identity = tf.keras.initializers.Ones();
        Assert.Equal([0f, 0f], tf.keras.layers.Dense(2, "relu", kernel_initializer: new TfNotes.Keras.Initializers.Zeros()).Apply(x).ToArray<float>());
        var softmax = tf.keras.layers.Dense(3, "softmax").Apply(x).ToArray<float>();
        Assert.Equal(1f, softmax.Sum(), 5);
        var doubled = tf.keras.layers.Dense(1, new ActivationFunction(t => t * 2), kernel_initializer: identity).Apply(x);
        Assert.Equal(2f, (float)doubled[0][0]);
        var e = Assert.Throws<ArgumentException>(() => tf.keras.layers.Dense(2, "swishy"));
        Assert.Contains("swishy", e.Message);
    }

    [Fact]
    public void Dense_rejects_inputs_of_another_width_naming_the_shapes()
    {
        var dense = tf.keras.layers.Dense(3);
        dense.Apply(tf.ones(new Shape(2, 4)));
        var e = Assert.Throws<InvalidArgumentError>(() => dense.Apply(tf.ones(new Shape(2, 5))));
        Assert.Contains("expected axis -1 of input shape to have value 4", e.Message);
        Assert.Contains("(2, 5)", e.Message);
    }

    /// <summary>
    /// The notes' Z̃ = BN(W·a): a Dense layer followed by batch normalization has no bias (β replaces b), so the
    /// trainable variables are W, γ, β and the moving statistics are not trainable.
    /// </summary>
    [Fact]
    public void Sequential_of_dense_without_bias_then_batch_norm()
    {
        var model = tf.keras.Sequential([
            tf.keras.layers.Dense(8, use_bias: false),
            tf.keras.layers.BatchNormalization(),
            tf.keras.layers.Dense(8, "relu"),
            tf.keras.layers.Dense(3, "softmax"),
        ]);
        var y = model.Apply(tf.ones(new Shape(4, 5)), training: true);
        Assert.Equal(new Shape(4, 3), y.shape);
        Assert.Equal(["dense", "batch_normalization", "dense_1", "dense_2"], model.layers.Select(l => l.name));
        Assert.Equal(["kernel", "gamma", "beta", "kernel", "bias", "kernel", "bias"], model.trainable_variables.Select(v => v.name));
        Assert.Equal(["moving_mean", "moving_variance"], model.non_trainable_variables.Select(v => v.name));
        Assert.Equal(9, model.variables.Count);
    }

    [Fact]
    public void Sequential_add_and_name_clashes()
    {
        var model = tf.keras.Sequential();
        model.add(tf.keras.layers.Dense(2, name: "hidden"));
        var e = Assert.Throws<ArgumentException>(() => model.add(tf.keras.layers.Dense(2, name: "hidden")));
        Assert.Contains("'hidden'", e.Message);
        var dense = tf.keras.layers.Dense(2);
        model.add(dense);
        Assert.Throws<ArgumentException>(() => model.add(dense));
        Assert.Throws<InvalidOperationException>(() => tf.keras.Sequential().Apply(tf.ones(new Shape(1, 1))));
    }
}
