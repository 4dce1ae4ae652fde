using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>The notes' softmax cost J = (1/m)·Σᵢ −Σⱼ yⱼ log ŷⱼ and its gradient dZ = (ŷ − y)/m, against float64 hand math.</summary>
public class CrossentropyTests
{
    const int M = 5, Classes = 4;
    static readonly int[] Labels = [2, 0, 3, 1, 2];
    static readonly double[,] Logits = Hand.Values(M, Classes, seed: 7, scale: 3);

    static double[,] OneHot()
    {
        var y = new double[M, Classes];
        for (int i = 0; i < M; i++) y[i, Labels[i]] = 1;
        return y;
    }

    static double[] HandPerExample()
    {
        var p = Hand.Softmax(Logits);
        return Enumerable.Range(0, M).Select(i => -Math.Log(p[i, Labels[i]])).ToArray();
    }

    [Fact]
    public void Categorical_cost_from_logits_is_the_mean_of_minus_sum_y_log_softmax()
    {
        var J = tf.keras.losses.CategoricalCrossentropy(from_logits: true).Call(Hand.Float32(OneHot()), Hand.Float32(Logits));
        Hand.Close(HandPerExample().Average(), (float)J, 1e-6, "J");
        Assert.Equal(0, J.ndim);
    }

    [Fact]
    public void Per_example_functions_agree_with_hand_math_from_logits_and_from_probabilities()
    {
        var y = Hand.Float32(OneHot());
        var z = Hand.Float32(Logits);
        var labels = tf.constant(Labels);
        var expected = HandPerExample();
        Hand.Close(expected, Hand.Vector(tf.keras.losses.categorical_crossentropy(y, z, from_logits: true)), 1e-6, "categorical logits");
        Hand.Close(expected, Hand.Vector(tf.keras.losses.categorical_crossentropy(y, tf.nn.softmax(z))), 1e-6, "categorical probabilities");
        Hand.Close(expected, Hand.Vector(tf.keras.losses.sparse_categorical_crossentropy(labels, z, from_logits: true)), 1e-6, "sparse logits");
        Hand.Close(expected, Hand.Vector(tf.keras.losses.sparse_categorical_crossentropy(labels, tf.nn.softmax(z))), 1e-6, "sparse probabilities");
        var columnLabels = tf.reshape(labels, new Shape(M, 1));
        Hand.Close(expected.Average(), (float)tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true).Call(columnLabels, z), 1e-6, "sparse (m, 1) labels");
    }

    [Fact]
    public void Tape_gradient_with_respect_to_the_logits_is_y_hat_minus_y_over_m()
    {
        var y = Hand.Float32(OneHot());
        var z = Hand.Float32(Logits);
        var p = Hand.Softmax(Logits);
        var expected = new double[M, Classes];
        for (int i = 0; i < M; i++) for (int j = 0; j < Classes; j++) expected[i, j] = (p[i, j] - OneHot()[i, j]) / M;

        foreach (var (name, cost) in new (string, Func<Tensor, Tensor>)[]
        {
            ("categorical", logits => tf.keras.losses.CategoricalCrossentropy(from_logits: true).Call(y, logits)),
            ("sparse", logits => tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true).Call(tf.constant(Labels), logits)),
            ("categorical of softmax", logits => tf.keras.losses.CategoricalCrossentropy().Call(y, tf.nn.softmax(logits))),
        })
        {
            using var tape = tf.GradientTape();
            tape.watch(z);
            var J = cost(z);
            var dz = tape.gradient(J, z)!;
            Hand.Close(expected, Hand.Matrix(dz), 1e-6, $"dz ({name})");
        }
    }

    [Fact]
    public void Probabilities_are_clipped_to_epsilon_so_a_zero_probability_gives_a_finite_loss()
    {
        var y = tf.constant(new float[,] { { 0, 1 } });
        var p = tf.constant(new float[,] { { 1, 0 } });
        var loss = (float)tf.keras.losses.categorical_crossentropy(y, p)[0];
        Hand.Close(-Math.Log(1e-7), loss, 1e-5, "−log ε");
    }

    [Fact]
    public void Bad_labels_are_errors_naming_the_shapes_or_the_label()
    {
        var z = Hand.Float32(Logits);
        var shape = Assert.Throws<InvalidArgumentError>(() => tf.keras.losses.categorical_crossentropy(tf.zeros(new Shape(M, 3)), z));
        Assert.Contains("(5, 3)", shape.Message);
        Assert.Contains("(5, 4)", shape.Message);
        var range = Assert.Throws<InvalidArgumentError>(() => tf.keras.losses.sparse_categorical_crossentropy(tf.constant(new[] { 0, 1, 4, 2, 3 }), z));
        Assert.Contains("label value of 4", range.Message);
        var sparseShape = Assert.Throws<InvalidArgumentError>(() => tf.keras.losses.sparse_categorical_crossentropy(tf.constant(new[] { 0, 1 }), z));
        Assert.Contains("(2,)", sparseShape.Message);
    }
}
