using TfNotes.Keras.Layers;
using TfNotes.Notes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Keras' BatchNormalization and the notes' NotesBatchNorm against a float64 hand computation and each other:
/// forward, gradients with respect to x, γ and β, the moving statistics over 3 batches, and inference.
/// </summary>
public class BatchNormalizationTests
{
    const int M = 6, Features = 4;
    const double Momentum = 0.99, Epsilon = 1e-3;
    static readonly double[] Gamma = [1.5, 0.5, 2, -1];
    static readonly double[] Beta = [0.1, -0.2, 0.3, 0];
    static readonly double[,] Upstream = Hand.Values(M, Features, seed: 99);   // dJ/dy for J = Σ y·Upstream

    static Tensor Batch(int b) => Hand.Float32(Hand.Values(M, Features, seed: b, scale: 1 + b, shift: b - 1));

    /// <summary>The forward pass and the standard backward formulas, in float64.</summary>
    static (double[,] y, double[,] dx, double[] dGamma, double[] dBeta, double[] mu, double[] variance) HandBatchNorm(double[,] x)
    {
        var mu = Hand.ColumnMeans(x);
        var variance = Hand.ColumnVariances(x);
        var y = new double[M, Features];
        var dx = new double[M, Features];
        var dGamma = new double[Features];
        var dBeta = new double[Features];
        for (int j = 0; j < Features; j++)
        {
            double inv = 1 / Math.Sqrt(variance[j] + Epsilon);
            var xHat = new double[M];
            double sumDxHat = 0, sumDxHatXHat = 0;
            for (int i = 0; i < M; i++)
            {
                xHat[i] = (x[i, j] - mu[j]) * inv;
                y[i, j] = Gamma[j] * xHat[i] + Beta[j];
                dGamma[j] += Upstream[i, j] * xHat[i];
                dBeta[j] += Upstream[i, j];
                double dxHat = Upstream[i, j] * Gamma[j];
                sumDxHat += dxHat;
                sumDxHatXHat += dxHat * xHat[i];
            }
            // dx = (1/m)·inv·(m·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂))
            for (int i = 0; i < M; i++) dx[i, j] = inv / M * (M * Upstream[i, j] * Gamma[j] - sumDxHat - xHat[i] * sumDxHatXHat);
        }
        return (y, dx, dGamma, dBeta, mu, variance);
    }

    public static TheoryData<string> Kinds => ["keras", "notes"];

    static Layer Make(string kind)
    {
        Layer layer = kind == "keras" ? tf.keras.layers.BatchNormalization(momentum: Momentum, epsilon: Epsilon) : new NotesBatchNorm(Momentum, Epsilon);
        layer.build(new Shape(-1, Features));
        layer.trainable_variables[0].assign(tf.constant(Array.ConvertAll(Gamma, v => (float)v)));
        layer.trainable_variables[1].assign(tf.constant(Array.ConvertAll(Beta, v => (float)v)));
        return layer;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Training_forward_gradients_moving_statistics_and_inference_match_float64_hand_math(string kind)
    {
        var layer = Make(kind);
        var (gamma, beta) = (layer.trainable_variables[0], layer.trainable_variables[1]);
        var (movingMean, movingVariance) = (layer.non_trainable_variables[0], layer.non_trainable_variables[1]);
        var handMean = new double[Features];
        var handVariance = Enumerable.Repeat(1.0, Features).ToArray();

        for (int b = 0; b < 3; b++)
        {
            var x = Batch(b);
            var expected = HandBatchNorm(Hand.Matrix(x));
            using (var tape = tf.GradientTape())
            {
                tape.watch(x);
                var y = layer.Apply(x, training: true);
                var J = tf.reduce_sum(y * Hand.Float32(Upstream));
                var grads = tape.gradient(J, [x, gamma, beta]);
                Hand.Close(expected.y, Hand.Matrix(y), 1e-5, $"y, batch {b}");
                Hand.Close(expected.dx, Hand.Matrix(grads[0]!), 1e-4, $"dx, batch {b}");
                Hand.Close(expected.dGamma, Hand.Vector(grads[1]!), 1e-5, $"dγ, batch {b}");
                Hand.Close(expected.dBeta, Hand.Vector(grads[2]!), 1e-5, $"dβ, batch {b}");
            }
            for (int j = 0; j < Features; j++)
            {
                handMean[j] = handMean[j] * Momentum + expected.mu[j] * (1 - Momentum);
                handVariance[j] = handVariance[j] * Momentum + expected.variance[j] * (1 - Momentum);   // biased σ²
            }
            Hand.Close(handMean, Hand.Vector(movingMean), 1e-6, $"moving_mean after batch {b}");
            Hand.Close(handVariance, Hand.Vector(movingVariance), 1e-6, $"moving_variance after batch {b}");
        }

        var test = Hand.Float32(Hand.Values(5, Features, seed: 50, scale: 2));
        var inference = Hand.Matrix(layer.Apply(test));   // training: false by default
        var input = Hand.Matrix(test);
        var handInference = new double[5, Features];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < Features; j++)
                handInference[i, j] = Gamma[j] * (input[i, j] - handMean[j]) / Math.Sqrt(handVariance[j] + Epsilon) + Beta[j];
        Hand.Close(handInference, inference, 1e-5, "inference output");
        Hand.Close(handMean, Hand.Vector(movingMean), 1e-6, "moving_mean unchanged by inference");
    }

    [Fact]
    public void Keras_layer_and_notes_layer_agree_with_each_other()
    {
        var keras = Make("keras");
        var notes = Make("notes");
        for (int b = 0; b < 3; b++)
        {
            var x = Batch(b);
            Hand.Close(Hand.Matrix(keras.Apply(x, training: true)), Hand.Matrix(notes.Apply(x, training: true)), 1e-6, $"training output, batch {b}");
        }
        for (int k = 0; k < 2; k++) Hand.Close(Hand.Vector(keras.non_trainable_variables[k]), Hand.Vector(notes.non_trainable_variables[k]), 1e-6, "moving statistics");
        var test = Batch(7);
        Hand.Close(Hand.Matrix(keras.Apply(test)), Hand.Matrix(notes.Apply(test)), 1e-6, "inference output");
    }

    [Fact]
    public void Keras_layer_has_trainable_gamma_beta_and_non_trainable_moving_statistics()
    {
        var bn = tf.keras.layers.BatchNormalization();
        bn.Apply(tf.ones(new Shape(2, 3)));
        Assert.Equal([bn.gamma!, bn.beta!], bn.trainable_variables);
        Assert.Equal([bn.moving_mean!, bn.moving_variance!], bn.non_trainable_variables);
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.variables.Select(v => v.name));
        var noAffine = tf.keras.layers.BatchNormalization(center: false, scale: false);
        noAffine.Apply(tf.ones(new Shape(2, 3)));
        Assert.Empty(noAffine.trainable_variables);
    }

    [Fact]
    public void Feature_axis_1_normalises_like_the_last_axis_of_the_transposed_input()
    {
        var x = tf.reshape(Hand.Float32(Hand.Values(6, 12, seed: 4, scale: 3)), new Shape(6, 3, 4));   // (m, features, positions)
        var channels = tf.keras.layers.BatchNormalization(axis: 1);
        var last = tf.keras.layers.BatchNormalization();
        var y = channels.Apply(x, training: true);
        var expected = tf.transpose(last.Apply(tf.transpose(x, [0, 2, 1]), training: true), [0, 2, 1]);
        Assert.Equal(new Shape(3), channels.moving_mean!.shape);
        Hand.Close(Hand.Vector(expected), Hand.Vector(y), 1e-6, "axis=1 output");
        Hand.Close(Hand.Vector(last.moving_variance!), Hand.Vector(channels.moving_variance!), 1e-6, "axis=1 moving variance");
    }

    [Fact]
    public void An_input_with_another_number_of_features_is_an_error_naming_the_layer_and_shape()
    {
        var bn = tf.keras.layers.BatchNormalization();
        bn.Apply(tf.ones(new Shape(2, 3)));
        var e = Assert.Throws<InvalidArgumentError>(() => bn.Apply(tf.ones(new Shape(2, 5))));
        Assert.Contains("'batch_normalization'", e.Message);
        Assert.Contains("(2, 5)", e.Message);
    }
}
