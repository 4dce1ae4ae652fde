using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

public class MetricTests
{
    readonly Tensor Predictions = tf.constant(new float[,] { { 0.1f, 0.8f, 0.1f }, { 0.6f, 0.3f, 0.1f }, { 0.2f, 0.3f, 0.5f }, { 0.3f, 0.4f, 0.3f } });

    [Fact]
    public void Sparse_categorical_accuracy_accumulates_over_batches_until_reset()
    {
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        Assert.Equal(0f, (float)accuracy.result());
        accuracy.update_state(tf.constant(new[] { 1, 0, 2, 0 }), Predictions);                     // 3 of 4
        accuracy.update_state(tf.constant(new long[,] { { 2 }, { 1 } }), tf.constant(new float[,] { { 0, 0, 1 }, { 1, 0, 0 } })); // 1 of 2
        Assert.Equal(4f / 6, (float)accuracy.result(), 6);
        accuracy.reset_state();
        Assert.Equal(0f, (float)accuracy.result());
    }

    [Fact]
    public void Sparse_categorical_accuracy_counts_a_label_no_class_has_as_a_miss_as_keras()
    {
        // Keras' sparse_categorical_accuracy compares argmax with the label and checks no range (its losses do).
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        accuracy.update_state(tf.constant(new[] { 1, 7, 0, -1 }), tf.constant(new float[,] { { 0, 1 }, { 1, 0 }, { 1, 0 }, { 0, 1 } }));
        Assert.Equal(tf.float32, accuracy.result().dtype);
        Assert.Equal(0.5f, (float)accuracy.result());
    }

    [Fact]
    public void Categorical_accuracy_compares_argmaxes_of_one_hot_labels_and_logits()
    {
        var accuracy = tf.keras.metrics.CategoricalAccuracy();
        accuracy.update_state(tf.one_hot(tf.constant(new[] { 1, 0, 1, 1 }), 3), tf.log(Predictions));
        Assert.Equal(0.75f, (float)accuracy.result(), 6);
        Assert.Throws<InvalidArgumentError>(() => accuracy.update_state(tf.zeros(new Shape(4, 2)), Predictions));
    }

    [Fact]
    public void Mean_averages_every_element_and_every_number_given()
    {
        var mean = tf.keras.metrics.Mean();
        mean.update_state(tf.constant(new float[] { 1, 2, 3 }));
        mean.update_state(6.0);
        Assert.Equal(3f, (float)mean.result(), 6);
        Assert.Equal("mean", mean.name);
    }

    [Fact]
    public void Metrics_keep_working_after_the_steps_that_gave_them_tensors_have_ended()
    {
        var loss = tf.keras.metrics.Mean("loss");
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        var w = tf.Variable(tf.zeros(new Shape(3, 3)));
        var x = tf.constant(new float[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        for (int step = 0; step < 3; step++)
        {
            using var tape = tf.GradientTape();
            var logits = tf.matmul(x, w);
            var cost = tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true).Call(tf.constant(new[] { 0, 1 }), logits);
            loss.update_state(cost);
            accuracy.update_state(tf.constant(new[] { 0, 1 }), logits);
        }
        Hand.Close(Math.Log(3), (float)loss.result(), 1e-6, "mean loss of uniform logits");
        Assert.Equal(0.5f, (float)accuracy.result());  // argmax of equal logits is class 0
    }
}
