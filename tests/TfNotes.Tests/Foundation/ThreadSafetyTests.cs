using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>
/// Tensors read by another thread than the one whose step made them (a monitor thread reading a training loop's loss)
/// give their value or the documented "freed" error, never a native crash; results belong to the thread that computed them.
/// </summary>
public class ThreadSafetyTests
{
    const int Rounds = 200;

    [Fact]
    public void A_monitor_thread_reading_a_loops_tensors_while_its_steps_end_gets_values_or_the_freed_error()
    {
        var w = tf.Variable(tf.ones(new[] { 64, 64 }));
        var x = tf.ones(new[] { 32, 64 });
        Tensor? latest = null;
        bool done = false;
        int values = 0, freedErrors = 0;
        var monitor = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var t = Volatile.Read(ref latest);
                if (t is null) continue;
                try
                {
                    float sum = (float)tf.reduce_sum(t);
                    Assert.Equal(32 * 64 * 64f, sum);
                    Interlocked.Increment(ref values);
                }
                catch (ObjectDisposedException e) when (e.Message.Contains("freed"))
                {
                    Interlocked.Increment(ref freedErrors);
                }
            }
        });
        monitor.Start();
        for (int round = 0; round < Rounds * 10; round++)
        {
            using var tape = tf.GradientTape();
            var y = tf.matmul(x, w);
            Volatile.Write(ref latest, y);
            _ = tf.reduce_sum(y * y); // the step goes on while the monitor reads
        }
        Volatile.Write(ref done, true);
        monitor.Join();
        Assert.True(values + freedErrors > 0);
    }

    [Fact]
    public void Two_threads_racing_on_one_tensor_while_one_disposes_it_never_crash()
    {
        for (int round = 0; round < Rounds; round++)
        {
            var t = tf.ones(new[] { 256, 256 });
            using var go = new Barrier(2);
            Exception? failure = null;
            var reader = new Thread(() =>
            {
                go.SignalAndWait();
                for (int i = 0; i < 50; i++)
                {
                    try { Assert.Equal(256f * 256f, (float)tf.reduce_sum(t)); }
                    catch (ObjectDisposedException) { return; }
                    catch (Exception e) { failure = e; return; }
                }
            });
            reader.Start();
            go.SignalAndWait();
            Thread.SpinWait(round * 50);
            t.Dispose();
            reader.Join();
            Assert.Null(failure);
            Assert.Throws<ObjectDisposedException>(() => (float)t);
        }
    }

    [Fact]
    public void A_result_computed_on_another_thread_belongs_to_that_threads_step()
    {
        for (int round = 0; round < Rounds; round++)
        {
            var w = tf.Variable(2.0);
            using var made = new ManualResetEventSlim();
            using var computed = new ManualResetEventSlim();
            using var stepEnded = new ManualResetEventSlim();
            Tensor? fromA = null;
            float? readByB = null;
            Exception? failure = null;
            var b = new Thread(() =>
            {
                try
                {
                    made.Wait();
                    using var tapeB = tf.GradientTape();
                    var r = fromA! * 3.0; // B's result, computed from a tensor of A's step
                    Assert.Same(StepScope.Current, r.Owner);
                    computed.Set();
                    stepEnded.Wait(); // A's step and the one after it end
                    readByB = (float)r;
                }
                catch (Exception e) { failure = e; computed.Set(); }
            });
            b.Start();
            using (var tapeA = tf.GradientTape())
            {
                fromA = w * 1.0;
                made.Set();
                computed.Wait();
            }
            using (var further = tf.GradientTape()) { }
            stepEnded.Set();
            b.Join();
            Assert.Null(failure);
            Assert.Equal(6f, readByB);
        }
    }
}
