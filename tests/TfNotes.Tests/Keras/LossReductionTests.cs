using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Loss objects with Keras 3's reductions, sample weights and label smoothing, against the values of Keras' own
/// tests (keras/src/losses/losses_test.py), which hold for every Keras backend, with their tolerances:
/// <c>assertAlmostEqual</c> (3 decimals unless given) and <c>assertAllClose</c> (1e-6 absolute and relative).
/// </summary>
public class LossReductionTests
{
    static Tensor F(float[,] v) => tf.constant(v);
    static Tensor I(int[,] v) => tf.constant(v);

    static readonly Tensor MseTrue = I(new[,] { { 1, 9, 2 }, { -5, -2, 6 } });
    static readonly Tensor MsePred = F(new float[,] { { 4, 8, 12 }, { 8, 1, 3 } });

    /// <summary>Keras' <c>assertAlmostEqual(loss, expected, places)</c> on a float32 scalar loss.</summary>
    static void Scalar(double expected, Tensor loss, int places = 3)
    {
        Assert.Equal(DType.Float32, loss.dtype);
        Assert.Equal(0, loss.ndim);
        double actual = (float)loss;
        Assert.True(Math.Abs(expected - actual) < 1.5 * Math.Pow(10, -places), $"loss: expected {expected} to {places} decimals, got {actual:R}");
    }

    /// <summary>Keras' <c>assertAllClose(actual, expected, atol, rtol)</c>.</summary>
    static void AllClose(double[] expected, Tensor actual, double atol = 1e-6, double rtol = 1e-6)
    {
        Assert.Equal(DType.Float32, actual.dtype);
        var values = Hand.Vector(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]), $"[{i}]: expected {expected[i]}, got {values[i]:R}");
    }

    [Fact]
    public void Mean_squared_error_reductions_and_weights_match_keras()
    {
        var mse = tf.keras.losses.MeanSquaredError();
        Scalar(49.5, mse.Call(MseTrue, MsePred));
        Scalar(113.85, mse.Call(MseTrue, MsePred, sample_weight: tf.constant(2.3f)));
        Scalar(767.8 / 6, mse.Call(MseTrue, MsePred, sample_weight: tf.constant(new[,] { { 1.2f }, { 3.4f } })));
        Scalar(0.0, mse.Call(MseTrue, MsePred, sample_weight: tf.constant(0f)));
        Scalar(227.69998, tf.keras.losses.MeanSquaredError(reduction: "sum").Call(MseTrue, MsePred, sample_weight: tf.constant(2.3f)));
        Scalar((110.0 / 3 * 1.2 + 187.0 / 3 * 3.4) / (1.2 + 3.4),
            tf.keras.losses.MeanSquaredError(reduction: "mean_with_sample_weight").Call(MseTrue, MsePred, tf.constant(new[,] { { 1.2f }, { 3.4f } })));

        var none = tf.keras.losses.MeanSquaredError(reduction: null).Call(MseTrue, MsePred, sample_weight: tf.constant(2.3f));
        Assert.Equal(new Shape(2L), none.shape);
        AllClose([84.3333, 143.3666], none, atol: 1e-4); // Keras' assertAlmostEqual on the pair
        Assert.Equal(new Shape(2L), tf.keras.losses.MeanSquaredError(reduction: "none").Call(MseTrue, MsePred).shape);

        // Weights per time step: y (2, 3, 1), weights (2, 3).
        var yTrue = tf.reshape(tf.constant(new float[] { 1, 9, 2, -5, -2, 6 }), new Shape(2, 3, 1));
        var yPred = tf.reshape(tf.constant(new float[] { 4, 8, 12, 8, 1, 3 }), new Shape(2, 3, 1));
        Scalar(97.833336, mse.Call(yTrue, yPred, tf.constant(new[,] { { 3f, 6, 5 }, { 0, 4, 2 } })));

        // The function keeps one loss per example and matches (3,) labels against (3, 1) predictions.
        var perExample = tf.keras.losses.mean_squared_error(tf.constant(new[] { 4, 8, 12 }), tf.constant(new[,] { { 3f }, { 0 }, { 1 } }));
        Assert.Equal(new Shape(3L), perExample.shape);
        Hand.Close([1, 64, 121], Hand.Vector(perExample), 1e-6, "mse per example");
    }

    [Fact]
    public void An_unknown_reduction_is_keras_error()
    {
        var e = Assert.Throws<ArgumentException>(() => tf.keras.losses.MeanSquaredError(reduction: "average"));
        Assert.Contains("Invalid value for argument `reduction`", e.Message);
        Assert.Contains("reduction=average", e.Message);
    }

    [Fact]
    public void Binary_crossentropy_matches_keras()
    {
        var bce = tf.keras.losses.BinaryCrossentropy();
        var oneHot = F(new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        Scalar(0.0, bce.Call(oneHot, oneHot));
        AllClose([0.20046903], tf.reshape(bce.Call(oneHot, F(new[,] { { 0.9f, 0.1f, 0.2f }, { 0.3f, 0.8f, 0.1f }, { 0.1f, 0.2f, 0.7f } })), new Shape(1L)));

        var yTrue = I(new[,] { { 1, 0 }, { 1, 0 } });
        var yPred = F(new float[,] { { 1, 1 }, { 1, 0 } });
        Scalar(3.98559, bce.Call(yTrue, yPred));
        Scalar(9.1668, bce.Call(yTrue, yPred, tf.constant(2.3f)));
        Scalar(4.7827, bce.Call(yTrue, yPred, tf.constant(new[,] { { 1.2f }, { 3.4f } })));

        var logitsTrue = I(new[,] { { 1, 0, 1 }, { 0, 1, 1 } });
        var logits = F(new float[,] { { 10, -10, 10 }, { 10, 10, -10 } });
        var fromLogits = tf.keras.losses.BinaryCrossentropy(from_logits: true);
        Scalar(3.3333, fromLogits.Call(logitsTrue, logits));
        Scalar(7.666, fromLogits.Call(logitsTrue, logits, tf.constant(2.3f)));
        Scalar(10.0, fromLogits.Call(logitsTrue, logits, tf.constant(new[] { 4f, 3f })));
        AllClose([0.0, 6.666], tf.keras.losses.BinaryCrossentropy(from_logits: true, reduction: null).Call(logitsTrue, logits), atol: 1e-3);

        var smoothed = tf.keras.losses.BinaryCrossentropy(from_logits: true, label_smoothing: 0.1);
        Scalar((10.0 + 5.0 * 0.1) / 3.0, smoothed.Call(I(new[,] { { 1, 0, 1 } }), F(new float[,] { { 10, -10, -10 } })));

        var e = Assert.Throws<InvalidArgumentError>(() => bce.Call(I(new[,] { { 0 }, { 1 }, { 1 } }), F(new[,] { { 0.9f, 0.05f, 0.05f }, { 0.5f, 0.89f, 0.6f }, { 0.05f, 0.01f, 0.94f } })));
        Assert.Contains("must have the same shape", e.Message);
    }

    static readonly Tensor ThreeClasses = I(new[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
    static readonly Tensor Probabilities = F(new[,] { { 0.9f, 0.05f, 0.05f }, { 0.5f, 0.89f, 0.6f }, { 0.05f, 0.01f, 0.94f } });
    static readonly Tensor Logits = F(new float[,] { { 8, 1, 1 }, { 0, 9, 1 }, { 2, 3, 5 } });
    static readonly Tensor Weights = tf.constant(new[,] { { 1.2f }, { 3.4f }, { 5.6f } });

    /// <summary>Keras' values for the three-class example, shared by the one-hot and the sparse losses.</summary>
    static void KerasThreeClassValues(TfNotes.Keras.Losses.Loss probabilities, TfNotes.Keras.Losses.Loss logits, TfNotes.Keras.Losses.Loss unreduced,
        Tensor labels, Tensor weightedLabels)
    {
        Scalar(0.3239, probabilities.Call(labels, Probabilities));
        Scalar(0.0573, logits.Call(labels, Logits));
        Scalar(0.7449, probabilities.Call(weightedLabels, Probabilities, tf.constant(2.3f)));
        Scalar(0.1317, logits.Call(weightedLabels, Logits, tf.constant(2.3f)));
        Scalar(1.0696, probabilities.Call(weightedLabels, Probabilities, Weights));
        Scalar(0.31829, logits.Call(weightedLabels, Logits, Weights));
        AllClose([0.001822, 0.000459, 0.169846], unreduced.Call(weightedLabels, Logits));
    }

    [Fact]
    public void Categorical_crossentropy_matches_keras()
    {
        var cce = tf.keras.losses.CategoricalCrossentropy();
        KerasThreeClassValues(cce, tf.keras.losses.CategoricalCrossentropy(from_logits: true),
            tf.keras.losses.CategoricalCrossentropy(from_logits: true, reduction: null), ThreeClasses, ThreeClasses);

        var smoothed = tf.keras.losses.CategoricalCrossentropy(from_logits: true, label_smoothing: 0.1);
        Scalar(400.0 * 0.1 / 3.0, smoothed.Call(I(new[,] { { 1, 0, 0 } }), F(new float[,] { { 100, -100, -100 } })));

        var e = Assert.Throws<InvalidArgumentError>(() => cce.Call(I(new[,] { { 0 }, { 1 }, { 2 } }), Probabilities));
        Assert.Contains("must have the same shape", e.Message);
    }

    [Fact]
    public void Sparse_categorical_crossentropy_matches_keras()
    {
        // Labels (3,) unweighted, (3, 1) with weights, as Keras' test.
        KerasThreeClassValues(tf.keras.losses.SparseCategoricalCrossentropy(), tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true),
            tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true, reduction: "none"), tf.constant(new[] { 0, 1, 2 }), I(new[,] { { 0 }, { 1 }, { 2 } }));
    }

    [Fact]
    public void Losses_by_keras_name_and_function()
    {
        Assert.IsType<TfNotes.Keras.Losses.SparseCategoricalCrossentropy>((TfNotes.Keras.Losses.Loss)"sparse_categorical_crossentropy");
        Assert.IsType<TfNotes.Keras.Losses.MeanSquaredError>((TfNotes.Keras.Losses.Loss)"mse");
        Assert.IsType<TfNotes.Keras.Losses.BinaryCrossentropy>((TfNotes.Keras.Losses.Loss)"BinaryCrossentropy");
        Assert.Contains("hinge", Assert.Throws<ArgumentException>(() => (TfNotes.Keras.Losses.Loss)"hinge").Message);
        TfNotes.Keras.Losses.Loss absolute = (Func<Tensor, Tensor, Tensor>)((y, p) => tf.reduce_mean(tf.abs(p - tf.cast(y, tf.float32)), -1));
        Scalar((3 + 1 + 10 + 13 + 3 + 3) / 6.0, absolute.Call(MseTrue, MsePred), places: 6);
    }
}
