using TfNotes.Benchmarks.Performance;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Pipeline;

/// <summary>
/// Issue 3's benchmark: elements/s of <c>from_tensor_slices → shuffle → map → batch → prefetch</c> alone, and one
/// epoch of the MLP (Adam 0.001, batch 64) fed by that pipeline vs by pre-batched tensors already in memory, A/B
/// interleaved, 9 repetitions. The normalizing map is elementwise, so tf.data runs it once per batch (map
/// vectorization); a variant whose map reshapes each element shows the cost of mapping element by element, and one
/// with <c>prefetch(8)</c> the cost of a producer thread where <c>AUTOTUNE</c> would not start one (no free core).
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
        var producerThread = source.shuffle(60000).map(Normalize).batch(BatchSize).prefetch(8);
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
            Compare([("fed by shuffle → map → batch → prefetch", vectorized), ("same, map element by element", perElement),
                ("same as the first, prefetch(8): a thread always", producerThread)], inMemory);
        }
        TorchSharp.torch.set_num_threads(ThreadCounts.All[0]);
    }

    static void Compare((string Name, Dataset<(Tensor, Tensor)> Data)[] pipelines, List<(Tensor, Tensor)> inMemory)
    {
        var mlp = new Mlp(seed: 1);
        var fed = pipelines.Select(p => new Measurement(p.Name)).ToArray();
        var baseline = new Measurement("fed by pre-batched tensors in memory");
        TrainFrom(mlp, pipelines[0].Data); // warm-up
        for (int r = 0; r < Repetitions; r++)
        {
            // One in-memory run per repetition, second; the pipelines rotate through the places around it.
            for (int k = 0; k < pipelines.Length; k++)
            {
                int p = (k + r) % pipelines.Length;
                fed[p].Time(() => TrainFrom(mlp, pipelines[p].Data));
                if (k == 0) baseline.Time(() => TrainFromMemory(mlp, inMemory));
            }
        }
        Console.WriteLine($"  {baseline}");
        foreach (var m in fed)
        {
            var (ratio, low, high) = m.PairedRatio(baseline);
            Console.WriteLine($"  {m}   ratio {ratio:F3} ({low:F3}–{high:F3})  pipeline share {1 - 1 / ratio,6:P1}");
        }
        Console.WriteLine("  ratio: median over repetitions of the epoch time / the in-memory epoch run in the same repetition (min–max)");
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
