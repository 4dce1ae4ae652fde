using NumSharp;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>
/// The notes' loops, written exactly as a user writes them, must not grow the number of live native tensors.
/// TorchSharp counts every native tensor handle created and disposed on this thread, ours and libtorch's results alike.
/// </summary>
public class MemoryTests
{
    static void AssertFlat(Action step, int steps = 20_000) => NativeMemory.AssertFlat(step, steps, warmUp: 200);

    [Fact]
    public void Tape_loop_keeps_native_memory_flat()
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var optimizer = tf.keras.optimizers.Adam(0.1);
        AssertFlat(() =>
        {
            using var tape = tf.GradientTape();
            var cost = w * w - 10 * w + 25;
            var grads = tape.gradient(cost, [w]);
            optimizer.apply_gradients(zip(grads, [w]));
        });
        Assert.True(Math.Abs((float)w - 5) < 1e-3);
    }

    [Fact]
    public void Minimize_loop_keeps_native_memory_flat()
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var x = np.array(new[] { 1.0, -10.0, 25.0 });
        var optimizer = tf.keras.optimizers.Adam(0.1);
        Tensor cost_fn() => x[0] * tf.pow(w, 2) + x[1] * w + x[2];
        AssertFlat(() => optimizer.minimize(cost_fn, [w]));
        Assert.True(Math.Abs((float)w - 5) < 1e-3);
    }

    [Fact]
    public void Matrix_training_step_keeps_native_memory_flat()
    {
        tf.random.set_seed(1);
        var x = tf.random.normal(new[] { 32, 8 });
        var W = tf.Variable(tf.random.normal(new[] { 8, 4 }, stddev: 0.1));
        var b = tf.Variable(tf.zeros(new[] { 4 }));
        var labels = tf.one_hot(tf.constant(Enumerable.Range(0, 32).Select(i => i % 4).ToArray()), 4);
        var optimizer = tf.keras.optimizers.RMSprop(0.01, momentum: 0.5, centered: true);
        AssertFlat(() =>
        {
            using var tape = tf.GradientTape();
            var logits = tf.matmul(x, W) + b;
            var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels, logits));
            var grads = tape.gradient(cost, new Tensor[] { W, b });
            optimizer.apply_gradients(zip(grads, new[] { W, b }));
        }, steps: 5_000);
    }
}
