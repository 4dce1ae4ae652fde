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
}
