using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>What a tape records, as the TF guide "Introduction to gradients and automatic differentiation" shows it.</summary>
public class TapeRecordingTests
{
    [Fact]
    public void A_tensor_computed_outside_the_tape_is_a_constant_to_it()
    {
        // The guide's loop: `x = x + 1` (instead of x.assign_add(1)) makes x a tensor, and the next gradient is None:
        //   ResourceVariable : tf.Tensor(1.0, shape=(), dtype=float32)
        //   EagerTensor : None
        Tensor x = tf.Variable(2.0);
        var printed = new List<string>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            using (var tape = tf.GradientTape())
            {
                var y = x + 1;
                printed.Add($"{(x is Variable ? "ResourceVariable" : "EagerTensor")} : {tape.gradient(y, x)?.ToString() ?? "None"}");
            }
            x = x + 1;
        }
        Assert.Equal(["ResourceVariable : tf.Tensor(1.0, shape=(), dtype=float32)", "EagerTensor : None"], printed);
    }

    [Fact]
    public void Nothing_is_recorded_outside_a_tape()
    {
        var v = tf.Variable(2.0);
        var x2 = v + 1.0; // outside any tape: no graph
        Assert.False(x2.Native.requires_grad);
        using var tape = tf.GradientTape();
        var y = x2 * x2;
        var grads = tape.gradient(y, [v, x2]);
        Assert.Null(grads[0]);
        Assert.Null(grads[1]);
    }

    [Fact]
    public void Watching_an_integer_tensor_warns_and_its_gradient_is_None()
    {
        var warnings = CollectWarnings(() =>
        {
            var x = tf.constant(10);
            using var g = tf.GradientTape();
            g.watch(x);
            var y = x * x;
            Assert.Equal(tf.int32, y.dtype);
            Assert.Null(g.gradient(y, x));
        });
        Assert.Contains("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32", warnings);
        Assert.Contains("The dtype of the target tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got tf.int32", warnings);
    }

    [Fact]
    public void Gradient_of_a_dictionary_of_sources_and_of_a_list_or_dictionary_of_targets()
    {
        // The guide: y0 = x², y1 = 1/x at x = 2 → d(y0 + y1)/dx = 2x − 1/x² = 3.75.
        var x = tf.Variable(2.0);
        using (var tape = tf.GradientTape(persistent: true))
        {
            var y0 = x * x;
            var y1 = 1 / x;
            Assert.Equal(3.75f, (float)tape.gradient([y0, y1], [x])[0]!);
            Assert.Equal(3.75f, (float)tape.gradient(new Dictionary<string, Tensor> { ["y0"] = y0, ["y1"] = y1 }, x)!);
        }
        // x @ w + b with x = [[1, 2, 3]], loss = mean(y²): dloss/db = y, dloss/dw = xᵀ·y (mean over 2 outputs: ·2/2).
        var w = tf.Variable(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 }, { 1.0, -1.0 } }, name: "w");
        var b = tf.Variable(new[] { 0.5, -0.5 }, name: "b");
        var input = tf.constant(new[,] { { 1.0, 2.0, 3.0 } });
        using var t = tf.GradientTape();
        var loss = tf.reduce_mean(tf.square(tf.matmul(input, w) + b)); // y = [4.5, -1.5]
        var grad = t.gradient(loss, new Dictionary<string, Tensor> { ["w"] = w, ["b"] = b });
        Assert.Equal(["w", "b"], grad.Keys);
        Assert.Equal(tf.float32, grad["b"]!.dtype);
        Assert.Equal(new[] { 4.5f, -1.5f }, grad["b"]!.ToArray<float>());
        Assert.Equal(new[] { 4.5f, -1.5f, 9f, -3f, 13.5f, -4.5f }, grad["w"]!.ToArray<float>());
        Assert.Equal([3L, 2], grad["w"]!.shape.dims);
    }

    [Fact]
    public void Watched_variables_are_those_read_while_recording_or_watched()
    {
        // The guide: watch_accessed_variables=False and watch(x1) → dy/dx0 None, and watched_variables() is [x1].
        var x0 = tf.Variable(0.0, name: "x0");
        var x1 = tf.Variable(10.0, name: "x1");
        using (var tape = tf.GradientTape(watch_accessed_variables: false))
        {
            tape.watch(x1);
            var y = tf.exp(x0) + x1 * x1;
            var grad = tape.gradient(y, new Dictionary<string, Tensor> { ["x0"] = x0, ["x1"] = x1 });
            Assert.Null(grad["x0"]);
            Assert.Equal(20f, (float)grad["x1"]!);
            Assert.Equal([x1], tape.watched_variables());
        }
        var unused = tf.Variable(1.0, name: "unused");
        using (var tape = tf.GradientTape())
        {
            var y = x1 * x0;
            tape.gradient(y, [x0, x1, unused]);
            Assert.Equal([x1, x0], tape.watched_variables()); // read order; reading sources in gradient is no access
        }
    }

    [Fact]
    public void Stop_recording_leaves_a_part_out_of_the_gradient()
    {
        // The guide: z = x² + y² with y² under stop_recording → dz/dx = 4, dz/dy = None.
        var x = tf.Variable(2.0);
        var y = tf.Variable(3.0);
        using var t = tf.GradientTape();
        var xSq = x * x;
        Tensor ySq;
        using (t.stop_recording()) ySq = y * y;
        var z = xSq + ySq;
        var grad = t.gradient(z, new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y });
        Assert.Equal(4f, (float)grad["x"]!);
        Assert.Null(grad["y"]);
        Assert.Throws<InvalidOperationException>(() => t.stop_recording());
    }

    [Fact]
    public void A_non_persistent_tape_stops_recording_once_its_gradient_is_taken()
    {
        var x = tf.Variable(3.0);
        var tape = tf.GradientTape(); // no using: as a first port writes it
        var y = x * x;
        Assert.Equal(6f, (float)tape.gradient(y, x)!);
        var after = x * x;
        Assert.False(after.Native.requires_grad);
        using var next = tf.GradientTape();
        var z = x * x * x;
        var dz = next.gradient(z, x)!;
        Assert.Equal(27f, (float)dz);
        Assert.False(dz.Native.requires_grad); // a first derivative, not the graph of a second one
    }

    [Fact]
    public void Gradient_may_be_called_after_the_using_block_as_after_with()
    {
        var x = tf.Variable(3.0);
        Tensor y;
        GradientTape tape;
        using (tape = tf.GradientTape()) y = x * x * x;
        Assert.Equal(27f, (float)tape.gradient(y, x)!);
    }

    [Fact]
    public void Jacobian_of_a_vector_function_against_hand_math()
    {
        // y = x² elementwise → J = diag(2x); y = w·x summed per row → J = w.
        var x = tf.Variable(new[] { 1.0, 2.0, 3.0 });
        using (var tape = tf.GradientTape())
        {
            var j = tape.jacobian(x * x, x)!;
            Assert.Equal([3L, 3], j.shape.dims);
            Assert.Equal(tf.float32, j.dtype);
            Assert.Equal(new[] { 2f, 0, 0, 0, 4, 0, 0, 0, 6 }, j.ToArray<float>());
        }
        var m = tf.constant(new[,] { { 1.0, 2.0, 3.0 }, { -1.0, 0.5, 0.0 } });
        using (var tape = tf.GradientTape())
        {
            var j = tape.jacobian(tf.matmul(m, tf.reshape(x, new[] { 3, 1 })), x)!;
            Assert.Equal([2L, 1, 3], j.shape.dims);
            Assert.Equal(new[] { 1f, 2, 3, -1, 0.5f, 0 }, j.ToArray<float>());
        }
        var unrelated = tf.Variable(1.0);
        using (var tape = tf.GradientTape())
            Assert.Null(tape.jacobian(x * 2, unrelated));
    }

    static List<string> CollectWarnings(Action run)
    {
        var said = new List<string>();
        var saved = Warnings.Sink;
        Warnings.Sink = said.Add;
        try { run(); }
        finally { Warnings.Sink = saved; }
        return said;
    }
}
