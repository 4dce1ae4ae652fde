using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>float64 hand math on row-major matrices, and conversions between them and tensors.</summary>
internal static class Hand
{
    internal static double[,] Matrix(Tensor t)
    {
        var values = t.dtype == DType.Float32 ? Array.ConvertAll(t.ToArray<float>(), v => (double)v) : t.ToArray<double>();
        int rows = (int)t.shape[0], cols = (int)t.shape[1];
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i, j] = values[i * cols + j];
        return m;
    }

    internal static double[] Vector(Tensor t) =>
        t.dtype == DType.Float32 ? Array.ConvertAll(t.ToArray<float>(), v => (double)v) : t.ToArray<double>();

    internal static Tensor Float32(double[,] m)
    {
        var f = new float[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < f.GetLength(0); i++) for (int j = 0; j < f.GetLength(1); j++) f[i, j] = (float)m[i, j];
        return tf.constant(f);
    }

    /// <summary>A deterministic pseudo-random matrix (a fixed LCG), so the tests do not depend on libtorch's generator.</summary>
    internal static double[,] Values(int rows, int cols, int seed, double scale = 1, double shift = 0)
    {
        var random = new Random(seed);
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i, j] = shift + scale * (2 * random.NextDouble() - 1);
        return m;
    }

    internal static double[,] Softmax(double[,] z)
    {
        int m = z.GetLength(0), n = z.GetLength(1);
        var p = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < n; j++) max = Math.Max(max, z[i, j]);
            for (int j = 0; j < n; j++) sum += p[i, j] = Math.Exp(z[i, j] - max);
            for (int j = 0; j < n; j++) p[i, j] /= sum;
        }
        return p;
    }

    internal static double[] ColumnMeans(double[,] x)
    {
        int m = x.GetLength(0), n = x.GetLength(1);
        var mu = new double[n];
        for (int j = 0; j < n; j++) { for (int i = 0; i < m; i++) mu[j] += x[i, j]; mu[j] /= m; }
        return mu;
    }

    /// <summary>The biased variance of each column: Σ(x − μ)²/m.</summary>
    internal static double[] ColumnVariances(double[,] x)
    {
        int m = x.GetLength(0), n = x.GetLength(1);
        var mu = ColumnMeans(x);
        var v = new double[n];
        for (int j = 0; j < n; j++) { for (int i = 0; i < m; i++) v[j] += (x[i, j] - mu[j]) * (x[i, j] - mu[j]); v[j] /= m; }
        return v;
    }

    // tolerance·(1 + |expected|): rtol = atol = tolerance.
    internal static void Close(double[] expected, double[] actual, double tolerance, string what) =>
        Closeness.AssertAllClose(expected, actual, tolerance, tolerance, what);

    internal static void Close(double[,] expected, double[,] actual, double tolerance, string what) =>
        Closeness.AssertAllClose(expected, actual, tolerance, tolerance, what);

    internal static void Close(double expected, double actual, double tolerance, string what) =>
        Closeness.AssertAllClose(expected, actual, tolerance, tolerance, what);
}
