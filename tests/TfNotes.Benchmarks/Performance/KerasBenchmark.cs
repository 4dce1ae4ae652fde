using TfNotes.Benchmarks.Pipeline;
using TfNotes.Data;
using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// Issue 14's targets, as paired ratios in one run (variants interleaved, medians with min–max):
/// 1. <c>model.fit</c> on the notes' MLP (784-256-128-10, Keras Adam, sparse cross-entropy, accuracy) for one epoch
///    vs the GradientTape loop a user writes for the same model, loss, optimizer and metrics over the same tf.data
///    pipeline; at each of <see cref="ThreadCounts.All"/>. Target ≤ 1.05.
/// 2. Conv2D forward + backward (batch 64 of 28×28×1 → 32 filters 3×3) vs the same libtorch conv2d called
///    directly on NCHW tensors (and, for reference, on the channels-last view Conv2D passes it). Target ≤ 1.10.
/// </summary>
internal static class KerasBenchmark
{
    const int BatchSize = 64, Repetitions = 9, ConvIterations = 200;

    public static void Run()
    {
        FitVersusTape();
        ConvolutionVersusLibtorch();
    }

    static Sequential Mlp() => tf.keras.Sequential([
        tf.keras.Input(shape: [784]),
        tf.keras.layers.Dense(256, activation: "relu", kernel_initializer: new GlorotUniform(seed: 1)),
        tf.keras.layers.Dense(128, activation: "relu", kernel_initializer: new GlorotUniform(seed: 2)),
        tf.keras.layers.Dense(10, kernel_initializer: new GlorotUniform(seed: 3)),
    ]);

    static void FitVersusTape()
    {
        var ((xTrain, yTrain), _) = tf.keras.datasets.fashion_mnist.load_data();
        var images = tf.reshape(tf.constant(xTrain), new Shape(60000, 784));
        var labels = tf.cast(tf.constant(yTrain), tf.int64);
        static (Tensor, Tensor) Normalize(Tensor x, Tensor y) => (tf.cast(x, tf.float32) / 255.0, y);
        var pipeline = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(60000, seed: 1).batch(BatchSize).map(Normalize).prefetch(tf.data.AUTOTUNE);
        Console.WriteLine($"1. model.fit vs a GradientTape loop: the notes' MLP 784-256-128-10, batch {BatchSize}, one epoch of 60,000 images, " +
            $"{Repetitions} repetitions, interleaved");
        foreach (int threads in ThreadCounts.All)
        {
            torch.set_num_threads(threads);
            var fitted = Mlp();
            fitted.compile(optimizer: tf.keras.optimizers.Adam(0.001), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
            var looped = Mlp();
            var optimizer = tf.keras.optimizers.Adam(0.001);
            var lossFunction = tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true);
            var meanLoss = tf.keras.metrics.Mean();
            var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();

            void Fit() => fitted.fit(pipeline, epochs: 1, verbose: 0);
            void Loop()
            {
                meanLoss.reset_state();
                accuracy.reset_state();
                foreach (var (x, y) in pipeline)
                {
                    using var tape = tf.GradientTape();
                    var logits = looped.Apply(x, training: true);
                    var loss = lossFunction.Call(y, logits);
                    var grads = tape.gradient(loss, looped.trainable_variables);
                    optimizer.apply_gradients(zip(grads, looped.trainable_variables));
                    meanLoss.update_state((float)loss);
                    accuracy.update_state(y, logits);
                }
            }
            var fitTime = new Measurement("model.fit (verbose 0)");
            var loopTime = new Measurement("GradientTape loop (loss, Adam, Mean, accuracy)");
            Compare(threads, fitTime, Fit, loopTime, Loop, "fit / tape loop", 1.05);
        }
        torch.set_num_threads(ThreadCounts.All[0]);
    }

    static void ConvolutionVersusLibtorch()
    {
        Console.WriteLine($"\n2. Conv2D forward + backward, batch 64 of 28×28×1 → 32 filters 3×3 (\"valid\"), {ConvIterations} steps per repetition");
        var random = new Random(1);
        var pixels = new float[64 * 28 * 28];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)random.NextDouble();
        var x = tf.reshape(tf.constant(pixels), new Shape(64, 28, 28, 1));
        var conv = tf.keras.layers.Conv2D(32, 3);
        conv.Apply(x);
        var variables = new[] { conv.kernel!, conv.bias! };

        using var nchw = x.Native.permute(0, 3, 1, 2).contiguous();
        using var channelsLast = x.Native.permute(0, 3, 1, 2);
        using var weight = conv.kernel!.Native.detach().permute(3, 2, 0, 1).contiguous().requires_grad_(true);
        using var bias = conv.bias!.Native.detach().clone().requires_grad_(true);

        void Keras()
        {
            for (int i = 0; i < ConvIterations; i++)
            {
                using var tape = tf.GradientTape();
                var grads = tape.gradient(tf.reduce_sum(conv.Apply(x)), variables);
            }
        }
        void Direct(torch.Tensor input)
        {
            for (int i = 0; i < ConvIterations; i++)
            {
                using var scope = torch.NewDisposeScope();
                using var enabled = torch.enable_grad();
                var y = torch.nn.functional.conv2d(input, weight, bias);
                torch.autograd.backward([y.sum()], inputs: [weight, bias]);
                weight.grad = null;
                bias.grad = null;
            }
        }
        foreach (int threads in ThreadCounts.All)
        {
            torch.set_num_threads(threads);
            var keras = new Measurement("Conv2D: tape, Apply, gradient");
            var direct = new Measurement("libtorch conv2d on NCHW, backward");
            var view = new Measurement("libtorch conv2d on the channels-last view");
            Compare(threads, keras, Keras, direct, () => Direct(nchw), "Conv2D / libtorch conv2d", 1.10, (view, () => Direct(channelsLast)));
        }
        torch.set_num_threads(ThreadCounts.All[0]);
    }

    /// <summary>Times the variants interleaved (order reversed every other repetition) and prints the paired ratio of the first two.</summary>
    static void Compare(int threads, Measurement ours, Action runOurs, Measurement baseline, Action runBaseline, string ratioName, double target,
        params (Measurement, Action)[] more)
    {
        (Measurement, Action)[] variants = [(ours, runOurs), (baseline, runBaseline), .. more];
        foreach (var (_, run) in variants) run();   // warm-up: builds, slots, kernels
        for (int r = 0; r < Repetitions; r++)
            foreach (var (m, run) in r % 2 == 0 ? variants : variants.Reverse()) m.Time(run);
        Console.WriteLine($"  {ThreadCounts.Describe(threads)}:");
        foreach (var (m, _) in variants) Console.WriteLine($"    {m}   {m.PairedRatio(baseline).Median:F3}");
        var (ratio, low, high) = ours.PairedRatio(baseline);
        Console.WriteLine($"    ratio {ratioName}: {ratio:F3} ({low:F3}–{high:F3}, paired) (target ≤ {target:F2})");
    }
}
