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
        var y = FusedBatchNorm.Training(x, gamma, beta, movingMean, movingVariance, Momentum, dims.Length - 1, Epsilon);
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
}
