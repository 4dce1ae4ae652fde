using System.Diagnostics;
using TfNotes.Benchmarks.Pipeline;
using TfNotes.Cli.Training;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// One TfNotes job in a process of its own, driven by <c>scripts/bench-vs-pytorch.sh</c> next to the PyTorch peer
/// (tests/TfNotes.Benchmarks/pytorch): one epoch per "epoch" line read from stdin, answered "RESULT seconds"; "rss"
/// answers the process' peak RSS in bytes (VmHWM). A process per job keeps each job's peak RSS its own.
/// Jobs: <c>train-bn</c> and <c>train-mlp</c> are <c>tfnotes train [--batchnorm]</c>'s own <see cref="Trainer"/>
/// (model.fit, one epoch of all 60,000 images, no validation split, accuracy on 1,000 test images after the epoch);
/// <c>tape-mlp</c> the MLP as tape + Keras Adam + tf.data (<see cref="Mlp"/>); <c>torchsharp-mlp</c> the hand-written
/// TorchSharp loop; <c>ideal-mlp</c> the MLP epoch's FLOPs as 2048³ products on every core; <c>train-conv</c> the
/// Conv2D model (32 3×3 filters, ReLU, 2×2 max-pooling, Dense 128 ReLU, Dense 10) through <c>model.fit</c> over the
/// pipeline <c>tfnotes train</c> uses, with the Trainer's optimizer settings.
/// </summary>
internal static class PeerWorker
{
    const int BatchSize = 64, Evaluated = 1000;

    public static int Run(string[] args)
    {
        if (args.Length != 4 || args[1] != "--threads" || !int.TryParse(args[2], out int threads))
        {
            Console.Error.WriteLine("usage: TfNotes.Benchmarks worker <train-bn|train-mlp|train-conv|tape-mlp|torchsharp-mlp|ideal-mlp> --threads N DATA_DIR");
            return 2;
        }
        string job = args[0], dataDir = args[3];
        Engine.TorchRuntime.EnsureLoaded();   // the ideal job touches TorchSharp before any tf op would
        Action? epoch = job switch
        {
            "train-bn" or "train-mlp" => TrainerEpoch(job == "train-bn", threads, dataDir),
            "train-conv" => ConvEpoch(threads, dataDir),
            "tape-mlp" => TapeEpoch(threads, dataDir),
            "torchsharp-mlp" => TorchSharpEpoch(threads, dataDir),
            "ideal-mlp" => Gemm.LargeProducts(6.0 * 60000 * (784 * 256 + 256 * 128 + 128 * 10)),
            _ => null,
        };
        if (epoch is null)
        {
            Console.Error.WriteLine($"worker: unknown job '{job}'");
            return 2;
        }
        for (string? line; (line = Console.ReadLine()) is not null;)
        {
            switch (line.Trim())
            {
                case "epoch":
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var clock = Stopwatch.StartNew();
                    epoch();
                    Console.WriteLine($"RESULT {clock.Elapsed.TotalSeconds:F6}");
                    break;
                case "rss":
                    var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                    Console.WriteLine($"RESULT {long.Parse(peak) * 1024}");
                    break;
                case "quit":
                    return 0;
            }
        }
        return 0;
    }

    static Action TrainerEpoch(bool batchNorm, int threads, string dataDir)
    {
        var trainer = new Trainer(new TrainingOptions { BatchNorm = batchNorm, Epochs = 1, DataDir = dataDir }, threads);
        var (train, test) = trainer.LoadData();
        var evaluation = test.Take(Evaluated);
        return () => trainer.Fit(train, evaluation);
    }

    static Action ConvEpoch(int threads, string dataDir)
    {
        var options = new TrainingOptions { DataDir = dataDir };
        tf.config.threading.set_intra_op_parallelism_threads(threads);
        tf.random.set_seed(options.Seed);
        var (train, test) = LabelledImages.LoadFashionMnist(dataDir);
        static (Tensor, Tensor) Normalize(Tensor x, Tensor y) => (tf.reshape(tf.cast(x, tf.float32) / 255.0, new Shape(-1, 28, 28, 1)), y);
        var batches = tf.data.Dataset.from_tensor_slices(train.Tensors).shuffle(train.Count, seed: options.Seed)
            .batch(BatchSize).map(Normalize).prefetch(tf.data.AUTOTUNE);
        var evaluation = tf.data.Dataset.from_tensor_slices(test.Take(Evaluated).Tensors).batch(Evaluated).map(Normalize);
        var model = tf.keras.Sequential([
            tf.keras.Input(shape: [28, 28, 1]),
            tf.keras.layers.Conv2D(32, 3, activation: "relu"),
            tf.keras.layers.MaxPooling2D(2),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(128, activation: "relu"),
            tf.keras.layers.Dense(10),
        ]);
        model.compile(optimizer: tf.keras.optimizers.Adam(options.LearningRate, beta_1: options.Beta1),
            loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        return () =>
        {
            model.fit(batches, epochs: 1, verbose: 0);
            accuracy.reset_state();
            foreach (var (x, y) in evaluation) accuracy.update_state(y, model.Apply(x, training: false));
        };
    }

    static (Tensor Images, Tensor Labels) Images(string dataDir)
    {
        var (train, _) = LabelledImages.LoadFashionMnist(dataDir);
        var (images, labels) = train.Tensors;
        return (tf.reshape(images, new Shape(60000, 784)), tf.cast(labels, tf.int64));
    }

    static Action TapeEpoch(int threads, string dataDir)
    {
        tf.config.threading.set_intra_op_parallelism_threads(threads);
        var (images, labels) = Images(dataDir);
        static (Tensor, Tensor) Normalize(Tensor x, Tensor y) => (tf.cast(x, tf.float32) / 255.0, y);
        var pipeline = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(60000).map(Normalize).batch(BatchSize).prefetch(tf.data.AUTOTUNE);
        var mlp = new Mlp(seed: 1);
        return () => { foreach (var (x, y) in pipeline) mlp.Step(x, y); };
    }

    static Action TorchSharpEpoch(int threads, string dataDir)
    {
        tf.config.threading.set_intra_op_parallelism_threads(threads);
        var (images, labels) = Images(dataDir);
        var mlp = new HandWrittenMlp(seed: 1);
        return () => mlp.Epoch(images.Native, labels.Native, BatchSize);
    }
}
