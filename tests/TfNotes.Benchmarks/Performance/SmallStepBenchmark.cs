using TfNotes.Benchmarks.Pipeline;
using static TfNotes.Binding;
using static TorchSharp.torch;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// Target 3 of issue 7: the notes' quadratic example, µs per step, TfNotes (tape + Keras Adam) vs the same step
/// written directly against TorchSharp (autograd.grad + the same Adam update in place), A/B interleaved.
/// </summary>
internal static class SmallStepBenchmark
{
    const int Steps = 20_000, Repetitions = 7;

    public static void Run()
    {
        var ours = new Measurement("TfNotes: GradientTape + Adam");
        var raw = new Measurement("TorchSharp: autograd.grad + Adam ops");
        Ours();
        Raw();
        for (int r = 0; r < Repetitions; r++)
        {
            if (r % 2 == 0) { ours.Time(Ours); raw.Time(Raw); }
            else { raw.Time(Raw); ours.Time(Ours); }
        }
        double perStep(Measurement m) => m.Median / Steps * 1e6;
        Console.WriteLine($"w² − 10w + 25, {Steps:N0} steps per run");
        Console.WriteLine($"  {ours}   {perStep(ours):F1} µs/step");
        Console.WriteLine($"  {raw}   {perStep(raw):F1} µs/step");
        Console.WriteLine($"  3. small-step ratio TfNotes / TorchSharp: {ours.Median / raw.Median:F3} (target ≤ 1.3)");
    }

    static void Ours()
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var optimizer = tf.keras.optimizers.Adam(0.1);
        for (int i = 0; i < Steps; i++)
        {
            using var tape = tf.GradientTape();
            var cost = w * w - 10 * w + 25;
            var grads = tape.gradient(cost, [w]);
            optimizer.apply_gradients(zip(grads, [w]));
        }
    }

    static void Raw()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        using var recording = enable_grad(); // TfNotes turns libtorch's grad mode off outside its tapes
        using var w = tensor(0f).requires_grad_(true);
        using var m = zeros_like(w);
        using var v = zeros_like(w);
        for (int t = 1; t <= Steps; t++)
        {
            using var scope = NewDisposeScope();
            var cost = w * w - 10 * w + 25;
            var g = autograd.grad([cost], [w])[0];
            using (no_grad())
            {
                double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
                m.mul_(b1).add_(g, alpha: 1 - b1);
                v.mul_(b2).addcmul_(g, g, value: 1 - b2);
                w.addcdiv_(m, v.sqrt().add_(eps), value: -alpha);
            }
        }
    }
}
