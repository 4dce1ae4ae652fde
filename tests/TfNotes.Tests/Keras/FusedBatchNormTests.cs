using TfNotes.Keras.Layers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// The native batch-norm kernel Keras' BatchNormalization trains with, against the float64 formulas on a batch:
/// y, the gradients of x, γ and β, and the batch's μ and biased σ² that feed the moving averages.
/// </summary>
public class FusedBatchNormTests
{
    const double Epsilon = 1e-3;

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
        var (y, mean, variance) = FusedBatchNorm.Training(x, gamma, beta, dims.Length - 1, Epsilon);
        using (mean)
        using (variance)
        {
            var J = tf.reduce_sum(y * tf.reshape(Hand.Float32(upstreamRows), new Shape(dims)));
            var grads = tape.gradient(J, [x, gamma, beta]);

            Assert.Equal(new Shape(dims), y.shape);
            Assert.Equal(DType.Float32, y.dtype);
            Assert.Equal(new Shape(dims), grads[0]!.shape);
            Hand.Close(expected.y, Hand.Matrix(tf.reshape(y, new Shape(m, features))), 1e-5, "y");
            Hand.Close(expected.dx, Hand.Matrix(tf.reshape(grads[0]!, new Shape(m, features))), 1e-5, "dx");
            Hand.Close(expected.dGamma, Hand.Vector(grads[1]!), 1e-4, "dγ");
            Hand.Close(expected.dBeta, Hand.Vector(grads[2]!), 1e-4, "dβ");
            Assert.Equal(new long[] { features }, mean.shape);
            Hand.Close(expected.mu, mean.data<float>().ToArray().Select(v => (double)v).ToArray(), 1e-5, "batch μ");
            Hand.Close(expected.variance, variance.data<float>().ToArray().Select(v => (double)v).ToArray(), 1e-4, "batch σ² (biased)");
        }
    }
}
