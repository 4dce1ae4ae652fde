using NumSharp;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests;

/// <summary>The notes' two programs: minimise w² − 10w + 25 with Adam(0.1), by a tape and by minimize.</summary>
public class NotesExampleTests
{
    /// <summary>Keras 3's Adam recurrence by hand in float32, for d/dw (w² − 10w + 25) = 2w − 10.</summary>
    static float[] HandAdam(int steps, float lr = 0.1f, float b1 = 0.9f, float b2 = 0.999f, float eps = 1e-7f)
    {
        float w = 0, m = 0, v = 0;
        var trajectory = new float[steps];
        for (int t = 1; t <= steps; t++)
        {
            float g = 2 * w - 10;
            m += (g - m) * (1 - b1);
            v += (g * g - v) * (1 - b2);
            float alpha = lr * MathF.Sqrt(1 - MathF.Pow(b2, t)) / (1 - MathF.Pow(b1, t));
            w -= m * alpha / (MathF.Sqrt(v) + eps);
            trajectory[t - 1] = w;
        }
        return trajectory;
    }

    static float[] RunTape(int steps)
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var optimizer = tf.keras.optimizers.Adam(0.1);
        var trajectory = new float[steps];
        for (int i = 0; i < steps; i++)
        {
            using var tape = tf.GradientTape();
            var cost = w * w - 10 * w + 25;
            var grads = tape.gradient(cost, [w]);
            optimizer.apply_gradients(zip(grads, [w]));
            trajectory[i] = (float)w;
        }
        return trajectory;
    }

    static float[] RunMinimize(int steps)
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var x = np.array(new[] { 1.0, -10.0, 25.0 });
        var optimizer = tf.keras.optimizers.Adam(0.1);
        Tensor cost_fn() => x[0] * tf.pow(w, 2) + x[1] * w + x[2];
        var trajectory = new float[steps];
        for (int i = 0; i < steps; i++)
        {
            optimizer.minimize(cost_fn, [w]);
            trajectory[i] = (float)w;
        }
        return trajectory;
    }

    [Fact]
    public void Tape_loop_follows_the_hand_written_Keras_Adam_recurrence()
    {
        var expected = HandAdam(10);
        var actual = RunTape(10);
        for (int i = 0; i < 10; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Abs(expected[i]), $"step {i + 1}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void Tape_loop_converges_to_5_after_1000_steps()
    {
        var w = RunTape(1000)[^1];
        Assert.True(Math.Abs(w - 5) < 1e-3, $"w = {w}");
    }

    [Fact]
    public void Minimize_gives_the_same_trajectory_as_the_tape()
    {
        var tape = RunTape(50);
        var minimize = RunMinimize(50);
        var hand = HandAdam(50);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(Math.Abs(tape[i] - minimize[i]) <= 1e-6 * Math.Abs(tape[i]) + 1e-7, $"step {i + 1}: tape {tape[i]} vs minimize {minimize[i]}");
            Assert.True(Math.Abs(minimize[i] - hand[i]) <= 1e-5 * Math.Abs(hand[i]) + 1e-6, $"step {i + 1}: {minimize[i]} vs {hand[i]}");
        }
    }
}
