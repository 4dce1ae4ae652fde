using TfNotes;
using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>Each optimizer against its Keras 3 recurrence written by hand in float64, 5 steps on a 2×3 variable.</summary>
public class OptimizerTests
{
    static readonly double[] Start = { 0.5, -1.0, 2.0, 0.0, 3.0, -0.25 };

    /// <summary>A different gradient each step, with signs and magnitudes that vary, scaled by <paramref name="scale"/>.</summary>
    static double[] Gradient(int step, double scale) =>
        Enumerable.Range(0, 6).Select(i => scale * Math.Sin(1.7 * i + 0.9 * step + 0.3) * (1 + i % 3)).ToArray();

    static double[] Run(Optimizer optimizer, double scale, int steps = 5)
    {
        var w = tf.Variable(tf.constant(Start.Select(v => (float)v).ToArray(), shape: new[] { 2, 3 }));
        for (int t = 1; t <= steps; t++)
        {
            var g = tf.constant(Gradient(t, scale).Select(v => (float)v).ToArray(), shape: new[] { 2, 3 });
            optimizer.apply_gradients(zip(new Tensor?[] { g }, new[] { w }));
        }
        Assert.Equal(steps, optimizer.iterations);
        return w.ToArray<float>().Select(v => (double)v).ToArray();
    }

    delegate void Rule(double[] w, double[] g, int t);

    static double[] Hand(Rule rule, double scale, int steps = 5)
    {
        var w = (double[])Start.Clone();
        for (int t = 1; t <= steps; t++) rule(w, Gradient(t, scale), t);
        return w;
    }

    static void AssertClose(double[] expected, double[] actual, double relative = 1e-5) =>
        Closeness.AssertAllClose(expected, actual, rtol: relative, atol: 1e-6, "hand vs optimizer");

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.9, false)]
    [InlineData(0.9, true)]
    public void SGD_follows_its_recurrence(double momentum, bool nesterov)
    {
        const double lr = 0.05;
        var u = new double[6];
        var expected = Hand((w, g, t) =>
        {
            for (int i = 0; i < 6; i++)
            {
                if (momentum == 0) { w[i] -= lr * g[i]; continue; }
                u[i] = momentum * u[i] - lr * g[i];
                w[i] += nesterov ? momentum * u[i] - lr * g[i] : u[i];
            }
        }, 1.0);
        AssertClose(expected, Run(tf.keras.optimizers.SGD(lr, momentum, nesterov), 1.0));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.5, false)]
    [InlineData(0.0, true)]
    [InlineData(0.5, true)]
    public void RMSprop_follows_its_recurrence(double momentum, bool centered)
    {
        const double lr = 0.01, rho = 0.9, eps = 1e-7;
        var v = new double[6];
        var mean = new double[6];
        var u = new double[6];
        var expected = Hand((w, g, t) =>
        {
            for (int i = 0; i < 6; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double d = v[i] + eps;
                if (centered)
                {
                    mean[i] = rho * mean[i] + (1 - rho) * g[i];
                    d -= mean[i] * mean[i];
                }
                double increment = lr * g[i] / Math.Sqrt(d);
                if (momentum > 0) { u[i] = momentum * u[i] + increment; w[i] -= u[i]; }
                else w[i] -= increment;
            }
        }, 1.0);
        AssertClose(expected, Run(tf.keras.optimizers.RMSprop(lr, rho, momentum, eps, centered), 1.0), 1e-4);
    }

    static double[] HandAdam(double scale, double eps)
    {
        const double lr = 0.01, b1 = 0.9, b2 = 0.999;
        var m = new double[6];
        var v = new double[6];
        return Hand((w, g, t) =>
        {
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < 6; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + eps);
            }
        }, scale);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-6)]
    public void Adam_follows_Keras_recurrence(double scale)
    {
        AssertClose(HandAdam(scale, 1e-7), Run(tf.keras.optimizers.Adam(0.01), scale));
    }

    [Fact]
    public void Adam_with_tiny_gradients_shows_where_epsilon_goes()
    {
        // With g ~ 1e-6, √v ~ 1e-6 is comparable to ε = 1e-7, so ε's placement changes the step by ~10%.
        var actual = Run(tf.keras.optimizers.Adam(0.01), 1e-6);
        var keras = HandAdam(1e-6, 1e-7);
        var torchStyle = TorchStyleAdam(1e-6);
        AssertClose(keras, actual);
        double kerasMove = actual.Zip(Start).Sum(p => Math.Abs(p.First - p.Second));
        double torchMove = torchStyle.Zip(Start).Sum(p => Math.Abs(p.First - p.Second));
        Assert.True(Math.Abs(kerasMove - torchMove) > 0.05 * torchMove, $"keras {kerasMove} vs torch-style {torchMove}");
    }

    [Fact]
    public void Adam_updates_several_variables_at_once_as_Keras_does()
    {
        // One apply_gradients over variables long enough for the fused kernel's vector loop and its split over
        // threads, of two dtypes, one made from a transposed tensor and given transposed (strided) gradients,
        // with gradients ~1e-6 every third step (where ε's placement shows); 30 steps against the recurrence in float64.
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        const int rows = 37, cols = 19, steps = 30;
        static double Value(int k, int t) => Math.Sin(0.37 * k + 1.3 * t) * (1 + k % 5) * (t % 3 == 0 ? 1e-6 : 1);
        double[] Values(int n, int t) => Enumerable.Range(0, n).Select(k => Value(k, t)).ToArray();

        var start = Values(rows * cols, 0);
        var kernel = tf.Variable(tf.transpose(tf.constant(Transposed(start, rows, cols).Select(x => (float)x).ToArray(), shape: new[] { cols, rows })));
        var bias = tf.Variable(tf.constant(Values(cols, -1), tf.float64, shape: new[] { cols }));
        var scale = tf.Variable(tf.constant(new float[] { 0.5f, -2f, 4f }, shape: new[] { 3 }));
        var optimizer = tf.keras.optimizers.Adam(lr);

        var expected = new[] { start, Values(cols, -1), new[] { 0.5, -2.0, 4.0 } };
        var m = expected.Select(w => new double[w.Length]).ToArray();
        var v = expected.Select(w => new double[w.Length]).ToArray();
        for (int t = 1; t <= steps; t++)
        {
            var g = new[] { Values(rows * cols, t), Values(cols, t + 100), Values(3, t + 200) };
            var kernelGradient = tf.transpose(tf.constant(Transposed(g[0], rows, cols).Select(x => (float)x).ToArray(), shape: new[] { cols, rows }));
            var biasGradient = tf.constant(g[1], tf.float64, shape: new[] { cols });
            var scaleGradient = tf.constant(g[2].Select(x => (float)x).ToArray(), shape: new[] { 3 });
            Assert.False(kernelGradient.Native.is_contiguous());
            optimizer.apply_gradients(zip(new Tensor?[] { kernelGradient, biasGradient, scaleGradient }, new[] { kernel, bias, scale }));

            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int k = 0; k < expected.Length; k++)
                for (int i = 0; i < expected[k].Length; i++)
                {
                    m[k][i] = b1 * m[k][i] + (1 - b1) * g[k][i];
                    v[k][i] = b2 * v[k][i] + (1 - b2) * g[k][i] * g[k][i];
                    expected[k][i] -= alpha * m[k][i] / (Math.Sqrt(v[k][i]) + eps);
                }
        }
        AssertClose(expected[0], kernel.ToArray<float>().Select(x => (double)x).ToArray(), 1e-4);
        AssertClose(expected[1], bias.ToArray<double>(), 1e-12);
        AssertClose(expected[2], scale.ToArray<float>().Select(x => (double)x).ToArray());
    }

    [Fact]
    public void Adam_survives_garbage_collections_started_by_another_thread()
    {
        // The fused kernel's numbers cross into libtorch as TorchSharp Scalars; one that nothing roots can be
        // finalized mid-call by a collection another thread starts (as a prefetch thread's allocations do).
        static float[] Train(bool collecting)
        {
            var w = tf.Variable(tf.constant(Start.Select(v => (float)v).ToArray(), shape: new[] { 2, 3 }));
            var adam = tf.keras.optimizers.Adam(0.01);
            using var stop = new CancellationTokenSource();
            var collector = Task.Run(() =>
            {
                while (collecting && !stop.IsCancellationRequested) { GC.Collect(); GC.WaitForPendingFinalizers(); }
            });
            for (int t = 1; t <= 3000; t++)
                adam.apply_gradients(zip(new Tensor?[] { tf.constant(Gradient(t, 1).Select(v => (float)v).ToArray(), shape: new[] { 2, 3 }) }, new[] { w }));
            stop.Cancel();
            collector.Wait();
            return w.ToArray<float>();
        }
        Assert.Equal(Train(collecting: false), Train(collecting: true));
    }

    /// <summary>The row-major values of the transpose of row-major (r, c) <paramref name="values"/>.</summary>
    static double[] Transposed(double[] values, int r, int c) =>
        Enumerable.Range(0, r * c).Select(k => values[(k % r) * c + k / r]).ToArray();

    /// <summary>torch.optim.Adam: ε (1e-8) added after bias correction of √v.</summary>
    static double[] TorchStyleAdam(double scale)
    {
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var m = new double[6];
        var v = new double[6];
        return Hand((w, g, t) =>
        {
            for (int i = 0; i < 6; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                w[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }, scale);
    }

    [Fact]
    public void A_null_gradient_skips_its_variable_and_learning_rate_is_settable()
    {
        var a = tf.Variable(1.0f);
        var b = tf.Variable(2.0f);
        var sgd = tf.keras.optimizers.SGD(0.5);
        sgd.apply_gradients(zip(new Tensor?[] { tf.constant(1.0f), null }, new[] { a, b }));
        Assert.Equal(0.5f, (float)a);
        Assert.Equal(2.0f, (float)b);
        sgd.learning_rate = 0.25;
        sgd.apply_gradients(zip(new Tensor?[] { tf.constant(1.0f), null }, new[] { a, b }));
        Assert.Equal(0.25f, (float)a);
        Assert.Equal(2, sgd.iterations);
        // Keras 3: no gradient at all is an error, not a silent no-op.
        var e = Assert.Throws<ArgumentException>(() => sgd.apply_gradients(zip(new Tensor?[] { null, null }, new[] { a, b })));
        Assert.Contains("No gradients provided for any variable", e.Message);
        Assert.Equal(2, sgd.iterations);
    }

    [Fact]
    public void A_gradient_of_the_wrong_shape_names_the_variable()
    {
        var w = tf.Variable(tf.zeros(new[] { 2, 3 }), name: "kernel");
        var e = Assert.Throws<ArgumentException>(() =>
            tf.keras.optimizers.Adam().apply_gradients(zip(new Tensor?[] { tf.zeros(new[] { 3, 2 }) }, new[] { w })));
        Assert.Contains("'kernel'", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
    }
}
