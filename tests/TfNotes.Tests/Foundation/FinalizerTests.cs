using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>
/// A training step leaves nothing for the finalizer: every object it makes is freed when the step ends or is plain
/// garbage. (TorchSharp's <c>autograd.backward</c>, <c>shape</c> and <c>item</c> pin arrays or open accessors in
/// finalizable wrappers that stay registered, so each step would hand the next collection objects to promote and the
/// finalizer thread work.)
/// </summary>
[Collection(TfNotes.Tests.Data.Isolated.Name)]
public class FinalizerTests
{
    const int Steps = 300;

    [Fact]
    public void Training_passes_leave_no_object_to_finalize()
    {
        var w = tf.Variable(tf.constant(new[] { 0.5, -0.25, 2.0 }, dtype: tf.float64), name: "w");
        var x = tf.constant(new[] { 1.0, 2.0, 3.0 }, dtype: tf.float64);
        double last = 0;
        void Train(int steps)
        {
            foreach (var _ in tf.data.Dataset.range(steps))
            {
                using var tape = tf.GradientTape();
                var loss = tf.reduce_sum(tf.square(w * x - 1.0));
                var grads = tape.gradient(loss, [w]);
                w.assign_sub(grads[0]! * 0.01);
                last = (double)loss;
            }
        }
        Train(20);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Train(Steps);
        GC.Collect();
        long pending = GC.GetGCMemoryInfo(GCKind.Any).FinalizationPendingCount;
        GC.WaitForPendingFinalizers();

        Assert.True(pending < Steps / 10, $"{pending} objects left for the finalizer by {Steps} steps");
        // Gradient descent on Σ(wᵢxᵢ − 1)² with step 0.01 (float64 hand math): wᵢ ← wᵢ − 0.02·xᵢ(wᵢxᵢ − 1).
        double[] expected = [0.5, -0.25, 2.0];
        double[] inputs = [1.0, 2.0, 3.0];
        double lastLoss = 0;
        for (int s = 0; s < 20 + Steps; s++)
        {
            lastLoss = 0;
            for (int i = 0; i < 3; i++) lastLoss += Math.Pow(expected[i] * inputs[i] - 1, 2);
            for (int i = 0; i < 3; i++) expected[i] -= 0.02 * inputs[i] * (expected[i] * inputs[i] - 1);
        }
        Assert.Equal(lastLoss, last, 12);
        Assert.Equal(tf.float64, w.dtype);
        Assert.Equal([3L], w.shape.dims);
        var trained = w.ToArray<double>();
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], trained[i], 12);
    }
}
