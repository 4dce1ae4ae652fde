using TfNotes.Keras.Layers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Conv2D, MaxPooling2D and AveragePooling2D in channels_last layout against float64 hand math: TensorFlow's
/// padding (for "same", ⌊p/2⌋ before and the rest after, so even kernels put their extra row and column at the
/// bottom and right), strides, the kernel's gradient, and pooling that never counts padded positions.
/// </summary>
public class ConvolutionTests
{
    /// <summary>Values x[b, i, j, c] from a fixed generator, as a float32 tensor of shape (b, h, w, c) and the float64 array.</summary>
    static (Tensor Tensor, double[,,,] Values) Input(int b, int h, int w, int c, int seed)
    {
        var random = new Random(seed);
        var values = new double[b, h, w, c];
        var flat = new float[b * h * w * c];
        int k = 0;
        for (int n = 0; n < b; n++) for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int ch = 0; ch < c; ch++)
            flat[k++] = (float)(values[n, i, j, ch] = Math.Round(2 * random.NextDouble() - 1, 3));
        return (tf.reshape(tf.constant(flat), new Shape(b, h, w, c)), values);
    }

    static double[,,,] Values4(Tensor t)
    {
        var d = t.shape.dims;
        var flat = Hand.Vector(t);
        var values = new double[d[0], d[1], d[2], d[3]];
        int k = 0;
        for (int a = 0; a < d[0]; a++) for (int i = 0; i < d[1]; i++) for (int j = 0; j < d[2]; j++) for (int c = 0; c < d[3]; c++) values[a, i, j, c] = flat[k++];
        return values;
    }

    /// <summary>TensorFlow's padding before an axis of <paramref name="n"/> for kernel k and stride s.</summary>
    static (int Out, int Before) Same(int n, int k, int s)
    {
        int output = (n + s - 1) / s;
        int total = Math.Max((output - 1) * s + k - n, 0);
        return (output, total / 2);
    }

    static double[,,,] Convolve(double[,,,] x, double[,,,] kernel, double[] bias, int stride, bool same)
    {
        int b = x.GetLength(0), h = x.GetLength(1), w = x.GetLength(2), c = x.GetLength(3);
        int kh = kernel.GetLength(0), kw = kernel.GetLength(1), f = kernel.GetLength(3);
        var (oh, top) = same ? Same(h, kh, stride) : ((h - kh) / stride + 1, 0);
        var (ow, left) = same ? Same(w, kw, stride) : ((w - kw) / stride + 1, 0);
        var y = new double[b, oh, ow, f];
        for (int n = 0; n < b; n++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int o = 0; o < f; o++)
        {
            double sum = bias[o];
            for (int u = 0; u < kh; u++) for (int v = 0; v < kw; v++)
            {
                int r = i * stride + u - top, q = j * stride + v - left;
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                for (int ch = 0; ch < c; ch++) sum += x[n, r, q, ch] * kernel[u, v, ch, o];
            }
            y[n, i, j, o] = sum;
        }
        return y;
    }

    static void Close(double[,,,] expected, Tensor actual, double tolerance)
    {
        Assert.Equal(DType.Float32, actual.dtype);
        Assert.Equal(new Shape(expected.GetLength(0), expected.GetLength(1), expected.GetLength(2), expected.GetLength(3)), actual.shape);
        var a = Values4(actual);
        for (int n = 0; n < expected.GetLength(0); n++) for (int i = 0; i < expected.GetLength(1); i++)
            for (int j = 0; j < expected.GetLength(2); j++) for (int c = 0; c < expected.GetLength(3); c++)
                Assert.True(Math.Abs(expected[n, i, j, c] - a[n, i, j, c]) <= tolerance, $"[{n},{i},{j},{c}]: expected {expected[n, i, j, c]:R}, got {a[n, i, j, c]:R}");
    }

    [Theory]
    [InlineData(3, 1, "valid")]
    [InlineData(3, 1, "same")]
    [InlineData(2, 1, "same")]   // even kernel: padding only at the bottom and right
    [InlineData(4, 2, "same")]
    [InlineData(3, 2, "valid")]
    [InlineData(2, 2, "same")]
    public void Conv2D_matches_hand_convolution(int k, int stride, string padding)
    {
        var (x, xs) = Input(2, 7, 6, 3, seed: k * 10 + stride);
        var conv = tf.keras.layers.Conv2D(4, k, strides: stride, padding: padding, bias_initializer: new TfNotes.Keras.Initializers.Constant(0.25));
        var y = conv.Apply(x);
        Assert.Equal(new Shape(k, k, 3, 4), conv.kernel!.shape);
        Close(Convolve(xs, Values4(conv.kernel), [0.25, 0.25, 0.25, 0.25], stride, padding == "same"), y, 1e-5);
        Assert.Equal(conv.compute_output_shape(new Shape(-1, 7, 6, 3)).dims[1..], y.shape.dims[1..]);
    }

    [Fact]
    public void Conv2D_kernel_gradient_is_the_sum_of_the_input_windows()
    {
        // d Σy / d kernel[u, v, c, f] = Σ over examples and positions of the input under kernel[u, v] (zero where padded).
        var (x, xs) = Input(2, 5, 5, 2, seed: 3);
        var conv = tf.keras.layers.Conv2D(3, 2, padding: "same");
        conv.Apply(x);
        using var tape = tf.GradientTape();
        var total = tf.reduce_sum(conv.Apply(x));
        var grads = tape.gradient(total, [conv.kernel!, conv.bias!]);
        var grad = grads[0]!;
        var (oh, top) = Same(5, 2, 1);
        var g = Values4(grad);
        for (int u = 0; u < 2; u++) for (int v = 0; v < 2; v++) for (int c = 0; c < 2; c++)
        {
            double expected = 0;
            for (int n = 0; n < 2; n++) for (int i = 0; i < oh; i++) for (int j = 0; j < oh; j++)
            {
                int r = i + u - top, q = j + v - top;
                if (r >= 0 && r < 5 && q >= 0 && q < 5) expected += xs[n, r, q, c];
            }
            for (int f = 0; f < 3; f++) Hand.Close(expected, g[u, v, c, f], 1e-5, $"dkernel[{u},{v},{c},{f}]");
        }
        Hand.Close([2 * 25, 2 * 25, 2 * 25], Hand.Vector(grads[1]!), 1e-6, "dbias: one per output position");
    }

    [Fact]
    public void Conv2D_bad_input_names_the_layer_and_the_shapes()
    {
        var conv = tf.keras.layers.Conv2D(2, 3, name: "conv");
        var e = Assert.Throws<InvalidArgumentError>(() => conv.Apply(tf.ones(new Shape(2, 5))));
        Assert.Contains("'conv'", e.Message);
        Assert.Contains("expected ndim=4, found ndim=2", e.Message);
        conv.Apply(tf.ones(new Shape(1, 5, 5, 1)));
        var channels = Assert.Throws<InvalidArgumentError>(() => conv.Apply(tf.ones(new Shape(1, 5, 5, 3))));
        Assert.Contains("expected axis -1 of input shape to have value 1", channels.Message);
        Assert.Contains("(1, 5, 5, 3)", channels.Message);
        Assert.Throws<InvalidArgumentError>(() => tf.keras.layers.Conv2D(2, 7).Apply(tf.ones(new Shape(1, 5, 5, 1))));
        Assert.Throws<ArgumentException>(() => tf.keras.layers.Conv2D(2, 3, padding: "full"));
        Assert.Contains("channels_last", Assert.Throws<ArgumentException>(() => tf.keras.layers.Conv2D(2, 3, data_format: "channels_first")).Message);
    }

    static double[,,,] Pool(double[,,,] x, int k, int stride, bool same, bool max)
    {
        int b = x.GetLength(0), h = x.GetLength(1), w = x.GetLength(2), c = x.GetLength(3);
        var (oh, top) = same ? Same(h, k, stride) : ((h - k) / stride + 1, 0);
        var (ow, left) = same ? Same(w, k, stride) : ((w - k) / stride + 1, 0);
        var y = new double[b, oh, ow, c];
        for (int n = 0; n < b; n++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int ch = 0; ch < c; ch++)
        {
            double best = double.NegativeInfinity, sum = 0;
            int count = 0;
            for (int u = 0; u < k; u++) for (int v = 0; v < k; v++)
            {
                int r = i * stride + u - top, q = j * stride + v - left;
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                best = Math.Max(best, x[n, r, q, ch]);
                sum += x[n, r, q, ch];
                count++;
            }
            y[n, i, j, ch] = max ? best : sum / count;
        }
        return y;
    }

    [Theory]
    [InlineData(2, 2, "valid")]
    [InlineData(2, 2, "same")]    // 5 rows: the last window holds one real row
    [InlineData(3, 1, "same")]
    [InlineData(3, 2, "valid")]
    [InlineData(3, 2, "same")]
    public void Pooling_matches_hand_windows_and_ignores_padding(int k, int stride, string padding)
    {
        var (x, xs) = Input(2, 5, 6, 3, seed: 40 + k * stride);
        Close(Pool(xs, k, stride, padding == "same", max: true), tf.keras.layers.MaxPooling2D(k, stride, padding).Apply(x), 1e-6);
        Close(Pool(xs, k, stride, padding == "same", max: false), tf.keras.layers.AveragePooling2D(k, stride, padding).Apply(x), 1e-6);
    }

    [Fact]
    public void Pooling_defaults_are_keras_2_by_2_with_the_pool_as_stride()
    {
        var pool = tf.keras.layers.MaxPooling2D();
        Assert.Equal(new IntPair(2, 2), pool.pool_size);
        Assert.Equal(new IntPair(2, 2), pool.strides);
        Assert.Equal("max_pooling2d", pool.name);
        Assert.Equal(new Shape(-1, 14, 14, 32), pool.compute_output_shape(new Shape(-1, 28, 28, 32)));
        Assert.Equal(new Shape(-1, 3, 3, 1), tf.keras.layers.AveragePooling2D((3, 3), padding: "same").compute_output_shape(new Shape(-1, 7, 7, 1)));
    }
}
