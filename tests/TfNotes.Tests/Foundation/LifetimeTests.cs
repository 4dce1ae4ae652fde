using TfNotes;
using TfNotes.Data;
using TfNotes.Keras.Layers;
using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>
/// The idioms real ports write, each without keep(): they work as in TensorFlow, and 20,000 iterations leave the number
/// of live native tensors (TorchSharp's process-wide count, after a garbage collection: tensors a user keeps using
/// are the garbage collector's, as in TF) where it was.
/// </summary>
[Collection(TfNotes.Tests.Data.Isolated.Name)]
public class LifetimeTests
{
    const int Steps = 20_000;

    readonly Variable w = tf.Variable(new[,] { { 0.5, -0.25 }, { 0.1, 0.3 } }, name: "w");
    readonly Tensor x = tf.constant(new[,] { { 1.0, 2.0 }, { -1.0, 0.5 } });
    readonly Tensor y = tf.constant(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 } });

    Tensor Loss(Tensor input, Tensor target) => tf.reduce_mean(tf.square(tf.matmul(input, w) - target));

    Tensor TrainStep(Tensor input, Tensor target, TfNotes.Keras.Optimizers.Optimizer optimizer)
    {
        using var tape = tf.GradientTape();
        var loss = Loss(input, target);
        var grads = tape.gradient(loss, [w]);
        optimizer.apply_gradients(zip(grads, [w]));
        return loss;
    }

    [Fact]
    public void A_loss_returned_from_a_train_step_function_is_usable_by_the_caller()
    {
        var optimizer = tf.keras.optimizers.SGD(0.01);
        var metric = tf.keras.metrics.Mean();
        double total = 0;
        AssertFlat(() => total += (float)TrainStep(x, y, optimizer));
        AssertFlat(() => metric.update_state(TrainStep(x, y, optimizer)));
        var ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(2).repeat(Steps + 200);
        int steps = 0;
        AssertFlat(() =>
        {
            foreach (var (bx, by) in ds.take(1)) { total += (float)TrainStep(bx, by, optimizer); steps++; }
        });
        Assert.Equal(Steps + 200, steps);
        Assert.True(double.IsFinite(total) && (float)metric.result() > 0);
    }

    [Fact]
    public void Gradient_after_the_using_block_as_Python_after_with()
    {
        var optimizer = tf.keras.optimizers.SGD(0.01);
        AssertFlat(() =>
        {
            Tensor loss;
            GradientTape tape;
            using (tape = tf.GradientTape()) loss = Loss(x, y);
            var grads = tape.gradient(loss, [w]);
            optimizer.apply_gradients(zip(grads, [w]));
        });
    }

    [Fact]
    public void A_tape_without_using_neither_leaks_nor_changes_later_tapes()
    {
        var optimizer = tf.keras.optimizers.SGD(0.01);
        AssertFlat(() =>
        {
            var tape = tf.GradientTape();
            var loss = Loss(x, y);
            var grads = tape.gradient(loss, [w]);
            optimizer.apply_gradients(zip(grads, [w]));
        });
        using var later = tf.GradientTape();
        var g = later.gradient(Loss(x, y), w)!;
        Assert.False(g.Native.requires_grad); // not recorded by the tapes left open above
        Assert.Equal(tf.float32, g.dtype);
    }

    /// <summary>A layer whose build makes a constant it uses on every call.</summary>
    sealed class Scaled() : Layer(null, "scaled")
    {
        Tensor? factor;
        public override void build(Shape input_shape) => factor = tf.fill(new[] { (int)input_shape[-1] }, 2.0);
        protected override Tensor Call(Tensor x, bool training) => x * factor!;
    }

    [Fact]
    public void A_constant_a_custom_layer_makes_in_build_lives_with_the_layer()
    {
        var layer = new Scaled();
        var optimizer = tf.keras.optimizers.SGD(0.01);
        AssertFlat(() =>
        {
            using var tape = tf.GradientTape();
            var loss = tf.reduce_mean(tf.square(layer.Apply(tf.matmul(x, w), training: true) - y));
            optimizer.apply_gradients(zip(tape.gradient(loss, [w]), [w]));
        });
        Assert.Equal(new[] { 2f, 4f }, layer.Apply(tf.constant(new[,] { { 1f, 2f } })).ToArray<float>());
    }

    [Fact]
    public void Elements_taken_from_a_dataset_are_usable_as_data()
    {
        var ds = tf.data.Dataset.from_tensor_slices((x, y)).map((a, b) => (a * 2, b));
        var first = ds.First();
        var three = ds.repeat().Take(3).ToList();
        var numbers = ds.as_numpy_iterator().First();
        var single = ds.take(1).get_single_element();
        using (var tape = tf.GradientTape()) _ = Loss(x, y); // a step ends between taking and using them
        Assert.Equal(new[] { 2f, 4f }, first.Item1.ToArray<float>());
        Assert.Equal(3, three.Count);
        Assert.Equal(new[] { -2f, 1f }, three[1].Item1.ToArray<float>());
        Assert.Equal(new[] { 2f, 4f }, numbers.Item1.ToArray<float>());
        Assert.Equal(new[] { 2f, 4f }, single.Item1.ToArray<float>());
        double sum = 0;
        AssertFlat(() =>
        {
            sum += (float)tf.reduce_sum(ds.First().Item1);
            foreach (var (a, _) in ds.Take(3).ToList()) sum += (float)tf.reduce_sum(a);
            sum += (float)tf.reduce_sum(ds.take(1).get_single_element().Item2);
        }, steps: Steps / 4);
        Assert.True(sum > 0);
    }

    [Fact]
    public void A_tensor_accumulator_across_steps()
    {
        var ds = tf.data.Dataset.from_tensor_slices(tf.constant(new[] { 1f, 2f, 3f, 4f })).repeat(Steps / 4 + 50);
        Tensor total = tf.constant(0f);
        AssertFlat(() =>
        {
            foreach (var value in ds.take(4))
            {
                using var tape = tf.GradientTape();
                var loss = value * w[0][0];
                total += loss;
            }
        }, steps: Steps / 4);
        Assert.Equal(tf.float32, total.dtype);
        Assert.Equal([], total.shape.dims);
        Assert.True(float.IsFinite((float)total));
        Tensor plain = tf.constant(0f);
        foreach (var value in tf.data.Dataset.from_tensor_slices(tf.constant(new[] { 1f, 2f, 3f, 4f }))) plain += value;
        Assert.Equal(10f, (float)plain);
    }

    /// <summary>
    /// A tape's training step leaves nothing for the finalizer: every object it makes is freed when the step ends or is
    /// plain garbage. (TorchSharp's <c>autograd.backward</c>, <c>shape</c> and <c>item</c> pin arrays or open accessors
    /// in finalizable wrappers that stay registered, so each step would hand the next collection objects to promote and
    /// the finalizer thread work.)
    /// </summary>
    [Fact]
    public void Training_passes_leave_no_object_to_finalize()
    {
        const int passes = 300;
        var weights = tf.Variable(tf.constant(new[] { 0.5, -0.25, 2.0 }, dtype: tf.float64), name: "weights");
        var features = tf.constant(new[] { 1.0, 2.0, 3.0 }, dtype: tf.float64);
        double last = 0;
        void Train(int steps)
        {
            foreach (var _ in tf.data.Dataset.range(steps))
            {
                using var tape = tf.GradientTape();
                var loss = tf.reduce_sum(tf.square(weights * features - 1.0));
                var grads = tape.gradient(loss, [weights]);
                weights.assign_sub(grads[0]! * 0.01);
                last = (double)loss;
            }
        }
        Train(20);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Train(passes);
        GC.Collect();
        long pending = GC.GetGCMemoryInfo(GCKind.Any).FinalizationPendingCount;
        GC.WaitForPendingFinalizers();

        Assert.True(pending < passes / 10, $"{pending} objects left for the finalizer by {passes} steps");
        // Gradient descent on Σ(wᵢxᵢ − 1)² with step 0.01 (float64 hand math): wᵢ ← wᵢ − 0.02·xᵢ(wᵢxᵢ − 1).
        double[] expected = [0.5, -0.25, 2.0];
        double[] inputs = [1.0, 2.0, 3.0];
        double lastLoss = 0;
        for (int s = 0; s < 20 + passes; s++)
        {
            lastLoss = 0;
            for (int i = 0; i < 3; i++) lastLoss += Math.Pow(expected[i] * inputs[i] - 1, 2);
            for (int i = 0; i < 3; i++) expected[i] -= 0.02 * inputs[i] * (expected[i] * inputs[i] - 1);
        }
        Assert.Equal(lastLoss, last, 12);
        Assert.Equal(tf.float64, weights.dtype);
        Assert.Equal([3L], weights.shape.dims);
        var trained = weights.ToArray<double>();
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], trained[i], 12);
    }

    static void AssertFlat(Action step, int steps = Steps)
    {
        for (int i = 0; i < 200; i++) step();
        long before = LiveAfterCollection();
        for (int i = 0; i < steps; i++) step();
        long growth = LiveAfterCollection() - before;
        Assert.True(growth <= 8, $"{growth} more native tensors alive after {steps} steps");
    }

    static long LiveAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.Tensor.TotalCount;
    }
}
