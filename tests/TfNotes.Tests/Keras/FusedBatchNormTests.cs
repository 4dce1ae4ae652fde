using TfNotes.Keras.Layers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// The native batch-norm kernel Keras' BatchNormalization trains with, against the float64 formulas on a batch:
/// y, the gradients of x, γ and β, and the moving averages (moved by the batch's μ and biased σ²).
/// </summary>
public class FusedBatchNormTests
{
    const double Epsilon = 1e-3, Momentum = 0.9;

    /// <summary>The rows of <paramref name="x"/> are the m examples of a feature each column: y, dx, dγ, dβ, μ, σ² (biased).</summary>
    static (double[,] y, double[,] dx, double[] dGamma, double[] dBeta, double[] mu, double[] variance) Formulas(
        double[,] x, double[] gamma, double[] beta, double[,] upstream)
    {
        int m = x.GetLength(0), features = x.GetLength(1);
        var mu = Hand.ColumnMeans(x);
        var variance = Hand.ColumnVariances(x);
        var (y, dx) = (new double[m, features], new double[m, features]);
        var (dGamma, dBeta) = (new double[features], new double[features]);
        for (int j = 0; j < features; j++)
        {
            double inv = 1 / Math.Sqrt(variance[j] + Epsilon), sumDxHat = 0, sumDxHatXHat = 0;
            var xHat = new double[m];
            for (int i = 0; i < m; i++)
            {
                xHat[i] = (x[i, j] - mu[j]) * inv;
                y[i, j] = gamma[j] * xHat[i] + beta[j];
                dGamma[j] += upstream[i, j] * xHat[i];
                dBeta[j] += upstream[i, j];
                sumDxHat += upstream[i, j] * gamma[j];
                sumDxHatXHat += upstream[i, j] * gamma[j] * xHat[i];
            }
            for (int i = 0; i < m; i++) dx[i, j] = inv / m * (m * upstream[i, j] * gamma[j] - sumDxHat - xHat[i] * sumDxHatXHat);
        }
        return (y, dx, dGamma, dBeta, mu, variance);
    }

    [Theory]
    [InlineData(new long[] { 64, 32 })]          // Dense activations: features last
    [InlineData(new long[] { 4, 3, 3, 8 })]      // Conv2D activations, channels last (NHWC)
    public void Forward_gradients_and_batch_statistics_match_the_float64_formulas(long[] dims)
    {
        int features = (int)dims[^1], m = (int)(dims.Aggregate(1L, (a, d) => a * d) / features);
        var xRows = Hand.Values(m, features, seed: 3, scale: 4, shift: 1);
        var upstreamRows = Hand.Values(m, features, seed: 5);
        var gammaValues = Enumerable.Range(0, features).Select(j => 0.5 + 0.1 * j).ToArray();
        var betaValues = Enumerable.Range(0, features).Select(j => 0.2 - 0.05 * j).ToArray();
        var expected = Formulas(xRows, gammaValues, betaValues, upstreamRows);

        var x = tf.reshape(Hand.Float32(xRows), new Shape(dims));
        var gamma = tf.Variable(tf.constant(Array.ConvertAll(gammaValues, v => (float)v)));
        var beta = tf.Variable(tf.constant(Array.ConvertAll(betaValues, v => (float)v)));
        using var tape = tf.GradientTape();
        tape.watch(x);
        var movingMean = tf.Variable(tf.constant(Enumerable.Range(0, features).Select(j => 0.1f * j).ToArray()), trainable: false);
        var movingVariance = tf.Variable(tf.ones(new Shape(features)), trainable: false);
        var y = new FusedBatchNorm(movingMean, movingVariance).Training(x, gamma, beta, Momentum, dims.Length - 1, Epsilon);
        var J = tf.reduce_sum(y * tf.reshape(Hand.Float32(upstreamRows), new Shape(dims)));
        var grads = tape.gradient(J, [x, gamma, beta]);

        Assert.Equal(new Shape(dims), y.shape);
        Assert.Equal(DType.Float32, y.dtype);
        Assert.Equal(new Shape(dims), grads[0]!.shape);
        Hand.Close(expected.y, Hand.Matrix(tf.reshape(y, new Shape(m, features))), 1e-5, "y");
        Hand.Close(expected.dx, Hand.Matrix(tf.reshape(grads[0]!, new Shape(m, features))), 1e-5, "dx");
        Hand.Close(expected.dGamma, Hand.Vector(grads[1]!), 1e-4, "dγ");
        Hand.Close(expected.dBeta, Hand.Vector(grads[2]!), 1e-4, "dβ");
        Hand.Close(expected.mu.Select((mu, j) => 0.1 * j * Momentum + mu * (1 - Momentum)).ToArray(), Hand.Vector(movingMean), 1e-5,
            "moving_mean = moving_mean·momentum + μ·(1 − momentum)");
        Hand.Close(expected.variance.Select(v => Momentum + v * (1 - Momentum)).ToArray(), Hand.Vector(movingVariance), 1e-5,
            "moving_variance = moving_variance·momentum + σ²·(1 − momentum), σ² biased");
    }

    /// <summary>Keras' moving averages in float64: <c>moving ← moving·momentum + batch·(1 − momentum)</c>, σ² biased.</summary>
    static void Advance(double[] mean, double[] variance, double[,] batch)
    {
        var (mu, sigma2) = (Hand.ColumnMeans(batch), Hand.ColumnVariances(batch));
        for (int j = 0; j < mean.Length; j++)
        {
            mean[j] = mean[j] * Momentum + mu[j] * (1 - Momentum);
            variance[j] = variance[j] * Momentum + sigma2[j] * (1 - Momentum);
        }
    }

    static BatchNormalization Layer(int features)
    {
        var layer = tf.keras.layers.BatchNormalization(momentum: Momentum, epsilon: Epsilon);
        layer.build(new Shape(-1, features));
        return layer;
    }

    static void Train(BatchNormalization layer, Tensor x)
    {
        using var tape = tf.GradientTape();
        var J = tf.reduce_sum(layer.Apply(x, training: true));
        tape.gradient(J, layer.trainable_variables);
    }

    [Fact]
    public void Statistics_read_only_after_batches_of_several_sizes_follow_Keras_recurrence()
    {
        // Small batches make m/(m − 1), the kernel's unbiased factor, large and different each batch (1.5, 1.25, 2, 1.25).
        const int features = 4;
        var layer = Layer(features);
        var (mean, variance) = (new double[features], Enumerable.Repeat(1.0, features).ToArray());
        int[] sizes = [3, 5, 2, 5];
        for (int b = 0; b < sizes.Length; b++)
        {
            var rows = Hand.Values(sizes[b], features, seed: 20 + b, scale: 2 + b, shift: b);
            Train(layer, Hand.Float32(rows));
            Advance(mean, variance, rows);
        }

        var test = Hand.Values(3, features, seed: 40, scale: 3);
        var inference = Hand.Matrix(layer.Apply(Hand.Float32(test)));
        var expected = new double[3, features];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < features; j++) expected[i, j] = (test[i, j] - mean[j]) / Math.Sqrt(variance[j] + Epsilon);
        Hand.Close(expected, inference, 1e-5, "inference with the statistics of 4 training batches");
        Assert.Equal(DType.Float32, layer.moving_variance!.dtype);
        Assert.Equal(new Shape(features), layer.moving_variance.shape);
        Hand.Close(mean, Hand.Vector(layer.moving_mean!), 1e-6, "moving_mean");
        Hand.Close(variance, Hand.Vector(layer.moving_variance), 1e-6, "moving_variance");
    }

    [Fact]
    public void Training_continues_from_statistics_assigned_between_steps()
    {
        const int features = 3;
        var layer = Layer(features);
        Train(layer, Hand.Float32(Hand.Values(4, features, seed: 1)));
        Train(layer, Hand.Float32(Hand.Values(6, features, seed: 2)));
        layer.moving_mean!.assign(tf.constant(new[] { 1f, -2f, 3f }));
        layer.moving_variance!.assign(tf.constant(new[] { 2f, 0.5f, 4f }));
        var rows = Hand.Values(5, features, seed: 3, scale: 2);
        Train(layer, Hand.Float32(rows));

        double[] mean = [1, -2, 3], variance = [2, 0.5, 4];
        Advance(mean, variance, rows);
        Hand.Close(mean, Hand.Vector(layer.moving_mean), 1e-6, "moving_mean after an assign and a step");
        Hand.Close(variance, Hand.Vector(layer.moving_variance), 1e-6, "moving_variance after an assign and a step");
    }

    [Fact]
    public void A_layer_called_twice_before_the_gradient_updates_the_statistics_twice_and_differentiates_both_calls()
    {
        const int features = 4;
        var layer = Layer(features);
        var (first, second) = (Hand.Values(6, features, seed: 7, scale: 2), Hand.Values(3, features, seed: 8, shift: 1));
        var upstream = Hand.Values(6, features, seed: 9);
        var upstreamSecond = Hand.Values(3, features, seed: 10);
        var ones = Enumerable.Repeat(1.0, features).ToArray();
        var zeros = new double[features];
        var expectedFirst = Formulas(first, ones, zeros, upstream);
        var expectedSecond = Formulas(second, ones, zeros, upstreamSecond);

        Tensor?[] grads;
        using (var tape = tf.GradientTape())
        {
            var J = tf.reduce_sum(layer.Apply(Hand.Float32(first), training: true) * Hand.Float32(upstream)) +
                    tf.reduce_sum(layer.Apply(Hand.Float32(second), training: true) * Hand.Float32(upstreamSecond));
            grads = tape.gradient(J, [layer.gamma!, layer.beta!]);
        }

        Hand.Close(expectedFirst.dGamma.Zip(expectedSecond.dGamma, (a, b) => a + b).ToArray(), Hand.Vector(grads[0]!), 1e-4, "dγ of both calls");
        Hand.Close(expectedFirst.dBeta.Zip(expectedSecond.dBeta, (a, b) => a + b).ToArray(), Hand.Vector(grads[1]!), 1e-4, "dβ of both calls");
        var (mean, variance) = (new double[features], Enumerable.Repeat(1.0, features).ToArray());
        Advance(mean, variance, first);
        Advance(mean, variance, second);
        Hand.Close(mean, Hand.Vector(layer.moving_mean!), 1e-6, "moving_mean after two calls");
        Hand.Close(variance, Hand.Vector(layer.moving_variance!), 1e-6, "moving_variance after two calls");
    }
}
