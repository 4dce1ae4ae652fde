using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>Every differentiable op's tape gradient against float64 central differences of the same op.</summary>
public class OpGradientTests
{
    static readonly double[,] A = { { 0.3, -1.2, 0.8 }, { 1.5, 0.4, -0.7 } };
    static readonly double[,] B = { { 0.9, 0.2, -0.4 }, { -0.6, 1.1, 0.5 } };
    static readonly double[,] Positive = { { 0.3, 1.2, 0.8 }, { 1.5, 0.4, 2.7 } };

    /// <summary>A float64 constant: a C# double array alone is float32, as a Python list of floats.</summary>
    static Tensor F64(object values) => tf.constant(values, dtype: tf.float64);

    public static TheoryData<string> UnaryOps => new()
    {
        "square", "sqrt", "exp", "log", "abs", "pow3", "relu", "sigmoid", "tanh", "softmax", "log_softmax",
        "reduce_sum", "reduce_mean", "reduce_max", "reduce_sum_axis1", "reduce_mean_axis0_keepdims", "transpose",
        "reshape", "clip", "neg", "scalar_ops", "moments_mean", "moments_variance",
    };

    static Tensor Unary(string op, Tensor x) => op switch
    {
        "square" => tf.square(x),
        "sqrt" => tf.sqrt(x),
        "exp" => tf.exp(x),
        "log" => tf.log(x),
        "abs" => tf.abs(x),
        "pow3" => tf.pow(x, 3),
        "relu" => tf.nn.relu(x),
        "sigmoid" => tf.nn.sigmoid(x),
        "tanh" => tf.nn.tanh(x),
        // Weighted, so the gradient of the sum is not trivially zero for softmax.
        "softmax" => tf.nn.softmax(x) * F64(B),
        "log_softmax" => tf.nn.log_softmax(x, axis: 0) * F64(B),
        "reduce_sum" => tf.reduce_sum(x),
        "reduce_mean" => tf.reduce_mean(x),
        "reduce_max" => tf.reduce_max(x, axis: 1),
        "reduce_sum_axis1" => tf.reduce_sum(x, axis: 1) * F64(new[] { 2.0, -3.0 }),
        "reduce_mean_axis0_keepdims" => tf.reduce_mean(x, axis: 0, keepdims: true) * F64(new[,] { { 1.0, -2.0, 3.0 } }),
        "transpose" => tf.transpose(x) * F64(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 }, { 5.0, 6.0 } }),
        "reshape" => tf.reshape(x, new[] { 3, 2 }) * F64(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 }, { 5.0, 6.0 } }),
        "clip" => tf.clip_by_value(x, 0.35, 1.0),
        "neg" => -x * F64(B),
        "scalar_ops" => (2.0 - x) * 3.0 + 1.0 / (x + 4.0) - x / 2.0,
        "moments_mean" => tf.nn.moments(x, [0]).mean * F64(new[] { 1.0, -2.0, 3.0 }),
        "moments_variance" => tf.nn.moments(x, [0]).variance * F64(new[] { 1.0, -2.0, 3.0 }),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_op_gradient_matches_central_differences(string op)
    {
        var input = op is "sqrt" or "log" or "pow3" ? Positive : A;
        var x = tf.Variable(input, dtype: tf.float64);
        Tensor? grad;
        using (var tape = tf.GradientTape())
        {
            var y = Unary(op, x);
            grad = tape.gradient(y, x)!.keep();
        }
        AssertClose(CentralDifferences(v => Unary(op, F64(v)), input), grad.ToArray<double>(), op);
    }

    public static TheoryData<string> BinaryOps => new() { "add", "subtract", "multiply", "divide", "maximum", "minimum", "pow", "matmul_bt", "matmul_at", "cross_entropy" };

    static Tensor Binary(string op, Tensor a, Tensor b) => op switch
    {
        "add" => tf.add(a, b),
        "subtract" => tf.subtract(a, b),
        "multiply" => tf.multiply(a, b),
        "divide" => tf.divide(a, b + 3.0),
        "maximum" => tf.maximum(a, b),
        "minimum" => tf.minimum(a, b),
        "pow" => tf.pow(tf.abs(a) + 0.5, b),
        "matmul_bt" => tf.matmul(a, b, transpose_b: true) * F64(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }),
        "matmul_at" => tf.matmul(a, b, transpose_a: true) * F64(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 }, { 7.0, 8.0, 9.0 } }),
        "cross_entropy" => tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(b), a),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_op_gradients_match_central_differences(string op)
    {
        var a = tf.Variable(A, dtype: tf.float64);
        var b = tf.Variable(B, dtype: tf.float64);
        Tensor?[] grads;
        using (var tape = tf.GradientTape())
        {
            var y = Binary(op, a, b);
            grads = tape.gradient(y, [a, b]);
            foreach (var g in grads) g!.keep();
        }
        AssertClose(CentralDifferences(v => Binary(op, F64(v), F64(B)), A), grads[0]!.ToArray<double>(), op + " d/da");
        AssertClose(CentralDifferences(v => Binary(op, F64(A), F64(v)), B), grads[1]!.ToArray<double>(), op + " d/db");
    }

    [Fact]
    public void Batch_normalization_gradients_match_central_differences()
    {
        var offset = new[] { 0.1, -0.2, 0.3 };
        var scale = new[] { 1.5, 0.5, -1.0 };
        Tensor Normalise(Tensor x, Tensor beta, Tensor gamma)
        {
            var (mean, variance) = tf.nn.moments(x, [0]);
            return tf.nn.batch_normalization(x, mean, variance, beta, gamma, 1e-3) * F64(B);
        }
        var x = tf.Variable(A, dtype: tf.float64);
        var beta = tf.Variable(offset, dtype: tf.float64);
        var gamma = tf.Variable(scale, dtype: tf.float64);
        using var tape = tf.GradientTape();
        var grads = tape.gradient(Normalise(x, beta, gamma), [x, beta, gamma]);
        AssertClose(CentralDifferences(v => Normalise(F64(v), F64(offset), F64(scale)), A), grads[0]!.ToArray<double>(), "x");
        AssertClose(CentralDifferences(v => Normalise(F64(A), F64(v), F64(scale)), offset), grads[1]!.ToArray<double>(), "beta");
        AssertClose(CentralDifferences(v => Normalise(F64(A), F64(offset), F64(v)), scale), grads[2]!.ToArray<double>(), "gamma");
    }

    /// <summary>d Σf / dv by (Σf(v + h·e) − Σf(v − h·e)) / 2h in float64, one element at a time.</summary>
    static double[] CentralDifferences(Func<Array, Tensor> f, Array input)
    {
        const double h = 1e-6;
        var flat = input.Cast<double>().ToArray();
        var result = new double[flat.Length];
        for (int i = 0; i < flat.Length; i++)
        {
            result[i] = (Sum(f, With(input, flat, i, h)) - Sum(f, With(input, flat, i, -h))) / (2 * h);
        }
        return result;
    }

    static double Sum(Func<Array, Tensor> f, Array v) => f(v).ToArray<double>().Sum();

    static Array With(Array shapeOf, double[] flat, int index, double delta)
    {
        var copy = (Array)shapeOf.Clone();
        var values = (double[])flat.Clone();
        values[index] += delta;
        Buffer.BlockCopy(values, 0, copy, 0, values.Length * sizeof(double));
        return copy;
    }

    static void AssertClose(double[] expected, double[] actual, string what) =>
        Closeness.AssertAllClose(expected, actual, rtol: 1e-5, atol: 1e-6, $"{what} (central difference vs tape)");
}
