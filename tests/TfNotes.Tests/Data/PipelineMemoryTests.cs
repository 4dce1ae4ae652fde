using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

[Collection(Isolated.Name)]
public class PipelineMemoryTests
{
    static int Producers => PrefetchThreads.Running;

    [Fact]
    public void Each_element_and_what_the_loop_body_makes_is_freed_when_the_iteration_after_it_ends()
    {
        var ds = tf.data.Dataset.range(3).map(x => x * tf.constant(2L));
        var elements = new List<Tensor>();
        var derived = new List<Tensor>();
        Tensor? kept = null;
        foreach (var x in ds)
        {
            elements.Add(x);
            derived.Add(x + tf.constant(1L));
            kept ??= (x * tf.constant(10L)).keep();
            if (elements.Count > 2) Assert.True(elements[^3].IsFreed && derived[^3].IsFreed);
            if (elements.Count > 1) Assert.False(elements[^2].IsFreed || derived[^2].IsFreed); // usable if read again
            Assert.False(x.IsFreed);
        }
        DataTestHelpers.AFurtherStep();
        Assert.All(elements.Concat(derived), t => Assert.True(t.IsFreed));
        Assert.Equal(0L, (long)kept!);
    }

    [Fact]
    public void Prefetch_gives_the_same_elements_as_no_prefetch()
    {
        Dataset<(Tensor, Tensor)> Source() => tf.data.Dataset.from_tensor_slices((tf.reshape(tf.range(0, 200), new Shape(100, 2)), tf.range(0, 100)))
            .shuffle(100, seed: 9).map((x, y) => (x * tf.constant(3), y)).batch(7);
        static string Text((NumSharp.NDArray, NumSharp.NDArray) b) => string.Join(",", b.Item1.ToArray<int>()) + "|" + string.Join(",", b.Item2.ToArray<int>());
        var plain = Source().as_numpy_iterator().Select(Text).ToList();
        var prefetched = Source().prefetch(3).as_numpy_iterator().Select(Text).ToList();
        Assert.Equal(15, plain.Count);
        Assert.Equal(plain, prefetched);
        Assert.Equal(0, Producers);
    }

    [Fact]
    public void Prefetched_elements_join_the_consumers_step()
    {
        foreach (var x in tf.data.Dataset.range(3).prefetch(tf.data.AUTOTUNE))
            Assert.Same(StepScope.Current, x.Owner);
    }

    [Fact]
    public void Autotuned_prefetch_starts_a_thread_only_where_the_consumers_libtorch_threads_leave_a_core_free()
    {
        int before = TorchSharp.torch.get_num_threads();
        try
        {
            foreach (int threads in new[] { Environment.ProcessorCount, 1 })
            {
                TorchSharp.torch.set_num_threads(threads);
                var madeOn = new List<int>();
                var values = new List<long>();
                var ds = tf.data.Dataset.range(3).map(x =>
                {
                    lock (madeOn) madeOn.Add(Environment.CurrentManagedThreadId);
                    return x * tf.constant(2L);
                });
                madeOn.Clear(); // map() called it once on a zero-filled probe, as TensorFlow traces the function there
                foreach (var x in ds.prefetch(tf.data.AUTOTUNE)) values.Add((long)x);
                Assert.Equal([0L, 2L, 4L], values);
                Assert.Equal(3, madeOn.Count);
                bool onConsumer = madeOn.All(id => id == Environment.CurrentManagedThreadId);
                Assert.Equal(threads >= Environment.ProcessorCount, onConsumer);
                Assert.Equal(0, Producers);
            }
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [Fact]
    public void Breaking_out_of_a_prefetching_loop_stops_the_producer_and_frees_the_queue()
    {
        long before = Tensor.Live;
        var ds = tf.data.Dataset.range(1_000_000).map(x => tf.fill(new Shape(10), 1f)).prefetch(8);
        int seen = 0;
        foreach (var _ in ds)
        {
            Assert.Equal(1, Producers);
            if (++seen == 5) break;
        }
        Assert.Equal(0, Producers);
        Assert.Equal(before, Tensor.Live);
    }

    [Fact]
    public void A_full_prefetch_buffer_is_refilled_once_half_of_it_was_taken()
    {
        var buffer = new PrefetchBuffer<int>(4);
        int added = 0;
        var producer = new Thread(() => { for (int i = 0; buffer.Add(i); i++) Interlocked.Increment(ref added); });
        producer.Start();
        void WaitFor(int count) => Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref added) == count, TimeSpan.FromSeconds(10)),
            $"expected {count} items added, got {added}");

        WaitFor(4);
        Assert.Equal(0, buffer.Take());
        Thread.Sleep(200);
        Assert.Equal(4, added); // three left: the producer sleeps on
        Assert.Equal(1, buffer.Take());
        WaitFor(6); // two left: it refills the buffer
        Assert.Equal([2, 3, 4, 5], buffer.Stop());
        producer.Join();
    }

    [Fact]
    public void An_exception_in_map_behind_prefetch_reaches_the_consumer_and_ends_every_thread()
    {
        long before = Tensor.Live;
        var ds = tf.data.Dataset.range(50)
            .map(x => (long)x == 20 ? throw new ArithmeticException("overflow") : x, num_parallel_calls: 4)
            .batch(4).prefetch(2);
        int batches = 0;
        var e = Assert.Throws<InvalidOperationException>(() => { foreach (var _ in ds) batches++; });
        Assert.IsType<ArithmeticException>(e.InnerException);
        Assert.Contains("element 20", e.Message);
        Assert.Equal(5, batches);
        Assert.Equal(0, Producers);
        DataTestHelpers.AFurtherStep();
        Assert.Equal(before, Tensor.Live);
    }

    [Fact]
    public void A_training_loop_over_a_prefetched_pipeline_keeps_a_bounded_number_of_live_tensors()
    {
        var ((xTrain, yTrain), _) = tf.keras.datasets.fashion_mnist.load_data(DataTestHelpers.FashionMnistFolder);
        var images = tf.reshape(tf.constant(xTrain["0:10000"]), new Shape(10_000, 784));
        var subset = tf.data.Dataset.from_tensor_slices((images, tf.constant(yTrain["0:10000"])));
        var ds = subset.shuffle(10_000).map((img, label) => (tf.cast(img, tf.float32) / 255.0, tf.one_hot(label, 10)))
            .batch(64).prefetch(tf.data.AUTOTUNE);

        var w = tf.Variable(tf.zeros(new Shape(784, 10)));
        var optimizer = tf.keras.optimizers.Adam(0.01);
        long before = Tensor.Live, peak = 0;
        var liveAfterEpoch = new List<long>();
        double epochLoss = 0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            int steps = 0;
            epochLoss = 0;
            foreach (var (batch, onehot) in ds)
            {
                using var tape = tf.GradientTape();
                var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(onehot, tf.matmul(batch, w)));
                var grads = tape.gradient(loss, [w]);
                optimizer.apply_gradients(zip(grads, [w]));
                epochLoss += (float)loss / 157;
                peak = Math.Max(peak, Tensor.Live - before);
                steps++;
            }
            Assert.Equal(157, steps);
            DataTestHelpers.AFurtherStep();
            liveAfterEpoch.Add(Tensor.Live - before);
        }
        // In flight: a batch being made, 8 queued batches, the loop body's tensors.
        Assert.True(peak < 200, $"up to {peak} live tensors during the loop (a leak of elements would add 20,000 per epoch)");
        Assert.All(liveAfterEpoch, live => Assert.True(live <= 2, $"{live} tensors left after an epoch"));
        Assert.True(epochLoss < 0.8, $"the loop trained: mean loss of the last epoch {epochLoss}");
        Assert.Equal(0, Producers);
    }
}
