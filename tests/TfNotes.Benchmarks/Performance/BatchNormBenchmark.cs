using TfNotes.Benchmarks.Pipeline;
using TfNotes.Notes;
using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// Issue 16's target 2: a training step of Keras' <c>BatchNormalization</c> on a batch of 64 × 256 (forward, the
/// gradients of x, γ and β through a GradientTape, the moving statistics) vs libtorch's native batch norm called
/// directly as <c>torch.nn.BatchNorm1d</c> does (running statistics updated in the kernel; the layer makes this same
/// call, on buffers of its own), and the notes' formula version (<see cref="NotesBatchNorm"/>, the composition of
/// small ops the layer used to be) for reference; variants interleaved, paired ratios, at each of
/// <see cref="ThreadCounts.All"/>. Target ≤ 1.1.
/// </summary>
internal static class BatchNormBenchmark
{
    const int Rows = 64, Features = 256, Steps = 1000, Repetitions = 21;

    public static void Run()
    {
        var random = new Random(1);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();
        var x = tf.reshape(tf.constant(Values(Rows * Features)), new Shape(Rows, Features));
        var upstream = tf.reshape(tf.constant(Values(Rows * Features)), new Shape(Rows, Features));
        var keras = tf.keras.layers.BatchNormalization();
        var notes = new NotesBatchNorm();
        keras.build(x.shape);
        notes.build(x.shape);

        using var input = x.Native.detach().clone().requires_grad_(true);
        using var weight = torch.ones(Features).requires_grad_(true);
        using var bias = torch.zeros(Features).requires_grad_(true);
        using var runningMean = torch.zeros(Features);
        using var runningVar = torch.ones(Features);
        using var gradOutput = upstream.Native.detach().clone();

        void Layer(TfNotes.Keras.Layers.Layer layer)
        {
            var watched = layer.trainable_variables;
            for (int i = 0; i < Steps; i++)
            {
                using var step = StepScope.Begin();
                using var tape = tf.GradientTape();
                tape.watch(x);
                var J = tf.reduce_sum(layer.Apply(x, training: true) * upstream);
                tape.gradient(J, [x, .. watched]);
            }
        }
        void Native()
        {
            for (int i = 0; i < Steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                using var enabled = torch.enable_grad();
                var y = torch.nn.functional.batch_norm(input, runningMean, runningVar, weight, bias, training: true, momentum: 0.01, eps: 1e-3);
                torch.autograd.backward([(y * gradOutput).sum()], inputs: [input, weight, bias]);
                input.grad = null;
                weight.grad = null;
                bias.grad = null;
            }
        }

        Console.WriteLine($"BatchNormalization training step, batch {Rows} × {Features}: forward, gradients of x, γ, β, moving statistics; " +
            $"{Steps} steps per repetition, {Repetitions} repetitions, interleaved");
        foreach (int threads in ThreadCounts.All)
        {
            torch.set_num_threads(threads);
            var ours = new Measurement("Keras BatchNormalization (tape)");
            var direct = new Measurement("libtorch batch_norm + backward");
            var formulas = new Measurement("NotesBatchNorm: the formulas as tf ops");
            (Measurement, Action)[] variants = [(ours, () => Layer(keras)), (direct, Native), (formulas, () => Layer(notes))];
            foreach (var (_, run) in variants) run();
            for (int r = 0; r < Repetitions; r++)
                foreach (var (m, run) in r % 2 == 0 ? variants : variants.Reverse()) m.Time(run);
            Console.WriteLine($"  {ThreadCounts.Describe(threads)}:");
            foreach (var (m, _) in variants)
                Console.WriteLine($"    {m}   {m.PairedRatio(direct).Median:F3}   {m.Median / Steps * 1e6:F1} µs/step");
            var (ratio, low, high) = ours.PairedRatio(direct);
            Console.WriteLine($"    ratio Keras BatchNormalization / libtorch: {ratio:F3} ({low:F3}–{high:F3}, paired) (target ≤ 1.10)");
        }
        torch.set_num_threads(ThreadCounts.All[0]);
    }
}
