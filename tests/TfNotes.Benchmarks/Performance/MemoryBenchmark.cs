using System.Diagnostics;
using TfNotes.Benchmarks.Pipeline;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// Target 4 of issue 7: resident memory and live tensors over 100,000 steps of the notes' loop and over 20 epochs
/// of the MLP fed by the prefetching pipeline, written as a user writes them (no disposal calls). Growth is measured
/// from the end of warm-up (10% of the run) to the end.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(int steps = 100_000, int epochs = 20)
    {
        Report("notes' loop (tape + Adam)", steps, steps / 10, NotesLoop());
        Report("MLP epochs fed by shuffle → map → batch(64) → prefetch", epochs, 2, MlpEpochs());
    }

    static IEnumerable<int> NotesLoop()
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var optimizer = tf.keras.optimizers.Adam(0.1);
        for (int i = 1; ; i++)
        {
            using (var tape = tf.GradientTape())
            {
                var cost = w * w - 10 * w + 25;
                var grads = tape.gradient(cost, [w]);
                optimizer.apply_gradients(zip(grads, [w]));
            }
            yield return i;
        }
    }

    static IEnumerable<int> MlpEpochs()
    {
        var ((xTrain, yTrain), _) = tf.keras.datasets.fashion_mnist.load_data();
        var images = tf.reshape(tf.constant(xTrain), new Shape(60000, 784));
        var labels = tf.cast(tf.constant(yTrain), tf.int64);
        var pipeline = tf.data.Dataset.from_tensor_slices((images, labels))
            .shuffle(60000).map((x, y) => (tf.cast(x, tf.float32) / 255.0, y)).batch(64).prefetch(tf.data.AUTOTUNE);
        var mlp = new Mlp(seed: 1);
        for (int epoch = 1; ; epoch++)
        {
            foreach (var (x, y) in pipeline) mlp.Step(x, y);
            yield return epoch;
        }
    }

    static void Report(string name, int total, int warmUp, IEnumerable<int> run)
    {
        long rssAfterWarmUp = 0, liveAfterWarmUp = 0, peakRss = 0;
        var clock = Stopwatch.StartNew();
        foreach (var i in run)
        {
            var rss = Rss();
            peakRss = Math.Max(peakRss, rss);
            if (i == warmUp) (rssAfterWarmUp, liveAfterWarmUp) = (rss, Tensor.Live);
            if (i % Math.Max(1, total / 10) == 0)
                Console.WriteLine($"  {name}: {i,7:N0}/{total:N0}  RSS {rss / 1e6,8:F1} MB  live tensors {Tensor.Live,6}  {clock.Elapsed.TotalSeconds,7:F1} s");
            if (i == total) break;
        }
        var growth = (double)(Rss() - rssAfterWarmUp) / rssAfterWarmUp;
        Console.WriteLine($"  4. {name}: RSS growth after warm-up {growth:P2}, live tensors {liveAfterWarmUp} → {Tensor.Live}, " +
            $"peak RSS {peakRss / 1e6:F1} MB (target: growth ≤ 5%)");
    }

    static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
