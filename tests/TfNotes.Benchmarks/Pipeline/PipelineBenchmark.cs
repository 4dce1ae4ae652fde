using TfNotes.Benchmarks.Performance;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Pipeline;

/// <summary>
/// Issue 3's benchmark: elements/s of <c>from_tensor_slices → shuffle → map → batch → prefetch</c> alone, and one
/// epoch of the MLP (Adam 0.001, batch 64) fed by that pipeline vs by pre-batched tensors already in memory, A/B
/// interleaved, 9 repetitions. The normalizing map is elementwise, so tf.data runs it once per batch (map
/// vectorization); a variant whose map reshapes each element shows the cost of mapping element by element.
/// </summary>
internal static class PipelineBenchmark
{
    const int BatchSize = 64, Repetitions = 9;

    public static void Run()
    {
        var ((xTrain, yTrain), _) = tf.keras.datasets.fashion_mnist.load_data();
        var images = tf.reshape(tf.constant(xTrain), new Shape(60000, 784));
        var labels = tf.cast(tf.constant(yTrain), tf.int64);
        var source = tf.data.Dataset.from_tensor_slices((images, labels));
        static (Tensor, Tensor) Normalize(Tensor x, Tensor y) => (tf.cast(x, tf.float32) / 255.0, y);
        static (Tensor, Tensor) ReshapeAndNormalize(Tensor x, Tensor y) => Normalize(tf.reshape(x, new Shape(784)), y);

        var vectorized = source.shuffle(60000).map(Normalize).batch(BatchSize).prefetch(tf.data.AUTOTUNE);
        var perElement = source.shuffle(60000).map(ReshapeAndNormalize).batch(BatchSize).prefetch(tf.data.AUTOTUNE);
        var inMemory = InMemoryBatches(images, labels);

        Console.WriteLine($"Fashion-MNIST, 60,000 images, batch {BatchSize}; {Environment.ProcessorCount} cores");
        Console.WriteLine("\nPipeline alone (one epoch, elements/s):");
        foreach (var (name, ds) in new[] { ("shuffle → map → batch → prefetch", vectorized), ("same, map element by element", perElement) })
        {
            var m = new Measurement(name);
            Drain(ds); // warm-up
            for (int r = 0; r < Repetitions; r++) m.Time(() => Drain(ds));
            Console.WriteLine($"  {m}   {60000 / m.Median,10:N0} elements/s");
        }

        foreach (int threads in ThreadCounts.All)
        {
            TorchSharp.torch.set_num_threads(threads);
            Console.WriteLine($"\nMLP 784-256-128-10 epoch, A/B interleaved; {ThreadCounts.Describe(threads)}:");
            Compare(vectorized, perElement, inMemory);
        }
        TorchSharp.torch.set_num_threads(ThreadCounts.All[0]);
    }

    static void Compare(Dataset<(Tensor, Tensor)> vectorized, Dataset<(Tensor, Tensor)> perElement, List<(Tensor, Tensor)> inMemory)
    {
        var mlp = new Mlp(seed: 1);
        var fed = new Measurement("fed by shuffle → map → batch → prefetch");
        var fedPerElement = new Measurement("same, map element by element");
        var baseline = new Measurement("fed by pre-batched tensors in memory");
        TrainFrom(mlp, vectorized); // warm-up
        for (int r = 0; r < Repetitions; r++)
        {
            var order = r % 2 == 0 ? new[] { 0, 2, 1 } : [1, 2, 0]; // the in-memory run next to each pipeline run
            foreach (var variant in order)
                switch (variant)
                {
                    case 0: fed.Time(() => TrainFrom(mlp, vectorized)); break;
                    case 1: fedPerElement.Time(() => TrainFrom(mlp, perElement)); break;
                    default: baseline.Time(() => TrainFromMemory(mlp, inMemory)); break;
                }
        }
        Console.WriteLine($"  {baseline}");
        foreach (var m in new[] { fed, fedPerElement })
        {
            var (ratio, low, high) = m.PairedRatio(baseline);
            Console.WriteLine($"  {m}   ratio {ratio:F3} ({low:F3}–{high:F3})  pipeline share {1 - 1 / ratio,6:P1}");
        }
        Console.WriteLine("  ratio: median over repetitions of the epoch time / the in-memory epoch run next to it (min–max)");
        Console.WriteLine("  target: pipeline share ≤ 5% of epoch time");
    }

    static void Drain<T>(Dataset<T> ds)
    {
        foreach (var _ in ds) { }
    }

    static void TrainFrom(Mlp mlp, Dataset<(Tensor, Tensor)> ds)
    {
        foreach (var (x, y) in ds) mlp.Step(x, y);
    }

    static void TrainFromMemory(Mlp mlp, List<(Tensor, Tensor)> batches)
    {
        foreach (var (x, y) in batches) mlp.Step(x, y);
    }

    /// <summary>Normalized batches made once, outside any step (so they live for the whole run).</summary>
    internal static List<(Tensor, Tensor)> InMemoryBatches(Tensor images, Tensor labels)
    {
        var batches = new List<(Tensor, Tensor)>();
        var normalized = tf.cast(images, tf.float32) / 255.0;
        for (int start = 0; start < 60000; start += BatchSize)
        {
            int n = Math.Min(BatchSize, 60000 - start);
            batches.Add((Tensor.Unowned(normalized.Native.narrow(0, start, n).contiguous()),
                Tensor.Unowned(labels.Native.narrow(0, start, n).contiguous())));
        }
        return batches;
    }
}
