using TfNotes.Keras.Callbacks;
using TfNotes.Notes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Layers, losses and metrics keep no tensor a step frees, so training loops keep the number of live native
/// tensors (TorchSharp's count for this thread) flat.
/// </summary>
public class KerasMemoryTests
{
    static void AssertFlat(Action step, int steps = 2_000) => NativeMemory.AssertFlat(step, steps, warmUp: 50);

    readonly Tensor X = Hand.Float32(Hand.Values(32, 8, seed: 5));
    readonly Tensor Labels = tf.constant(Enumerable.Range(0, 32).Select(i => i % 4).ToArray());

    [Fact]
    public void Three_layer_network_steps_with_batch_norm_and_metrics_keep_native_memory_flat()
    {
        var network = new ThreeLayerNetwork(8, [16, 8], 4, batchNorm: true);
        var optimizer = tf.keras.optimizers.Adam(0.01);
        var loss = tf.keras.metrics.Mean();
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        AssertFlat(() =>
        {
            loss.update_state(network.TrainStep(X, Labels, optimizer));
            using var tape = tf.GradientTape();   // an evaluation step: its tensors are freed with it
            accuracy.update_state(Labels, network.Forward(X));
        });
    }

    [Fact]
    public void Sequential_tape_loop_with_keras_layers_and_loss_objects_keeps_native_memory_flat()
    {
        var model = tf.keras.Sequential([
            tf.keras.layers.Dense(16, use_bias: false),
            tf.keras.layers.BatchNormalization(),
            tf.keras.layers.Dense(16, "relu"),
            tf.keras.layers.Dense(4),
        ]);
        var lossFunction = tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true);
        var optimizer = tf.keras.optimizers.SGD(0.1);
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        AssertFlat(() =>
        {
            using var tape = tf.GradientTape();
            var logits = model.Apply(X, training: true);
            var loss = lossFunction.Call(Labels, logits);
            var grads = tape.gradient(loss, model.trainable_variables);
            optimizer.apply_gradients(zip(grads, model.trainable_variables));
            accuracy.update_state(Labels, logits);
        });
    }

    /// <summary>The live native tensors after each training, test and predict batch.</summary>
    sealed class LiveCount : Callback
    {
        public readonly List<long> Train = [], Test = [], Predict = [];
        public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) => Train.Add(NativeMemory.LiveTensors);
        public override void on_test_batch_end(int batch, Dictionary<string, double>? logs = null) => Test.Add(NativeMemory.LiveTensors);
        public override void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) => Predict.Add(NativeMemory.LiveTensors);
    }

    [Fact]
    public void Fit_evaluate_and_predict_steps_keep_native_memory_flat()
    {
        var model = tf.keras.Sequential([
            tf.keras.layers.Dense(16, activation: "relu"),
            tf.keras.layers.BatchNormalization(),
            tf.keras.layers.Dropout(0.2),
            tf.keras.layers.Dense(4),
        ]);
        model.compile(optimizer: tf.keras.optimizers.Adam(0.01, clipnorm: 1.0), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true),
            metrics: ["accuracy"]);
        var x = tf.concat(Enumerable.Repeat(X, 50), 0);             // 1,600 examples: 100 training batches of 8 per epoch
        var y = tf.concat(Enumerable.Repeat(Labels, 50), 0);
        var count = new LiveCount();
        model.fit(x, y, batch_size: 8, epochs: 3, validation_split: 0.5, verbose: 0, callbacks: [count]);
        Assert.Equal(3 * 100, count.Train.Count);
        // The same at each step of an epoch and from one epoch to the next (the first validation makes its pipeline once).
        Assert.Equal(count.Train[10], count.Train[99]);
        Assert.Equal(count.Train[110], count.Train[^1]);
        Assert.Equal(count.Test[10], count.Test[^1]);
        int evaluation = count.Test.Count;
        model.evaluate(x, y, batch_size: 8, verbose: 0, callbacks: [count]);
        Assert.Equal(count.Test[evaluation + 10], count.Test[^1]);
        using var predictions = model.predict(x, batch_size: 8, verbose: 0, callbacks: [count]);
        // predict keeps each batch's output (one tensor per batch) until it concatenates them, and nothing else.
        Assert.Equal(200, count.Predict.Count);
        Assert.InRange(count.Predict[^1] - count.Predict[0], 0, 199);
    }
}
