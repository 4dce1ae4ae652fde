using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>Metrics with sample weights, against Keras' own tests (keras/src/metrics/accuracy_metrics_test.py, reduction_metrics_test.py).</summary>
public class MetricWeightTests
{
    static double Result(TfNotes.Keras.Metrics.Metric metric)
    {
        var r = metric.result();
        Assert.Equal(DType.Float32, r.dtype);
        return (float)r;
    }

    [Fact]
    public void Sparse_and_categorical_accuracy_with_sample_weights()
    {
        var sparse = tf.keras.metrics.SparseCategoricalAccuracy();
        var yPred = tf.constant(new[,] { { 0.1f, 0.6f, 0.3f }, { 0.05f, 0.95f, 0 } });
        sparse.update_state(tf.constant(new[,] { { 2 }, { 1 } }), yPred, sample_weight: tf.constant(new[] { 0.7f, 0.3f }));
        Hand.Close(0.3, Result(sparse), 1e-6, "sparse weighted");

        var categorical = tf.keras.metrics.CategoricalAccuracy();
        categorical.update_state(tf.constant(new[,] { { 0, 0, 1 }, { 0, 1, 0 } }), yPred, sample_weight: tf.constant(new[,] { { 0.7f }, { 0.3f } }));
        Hand.Close(0.3, Result(categorical), 1e-6, "categorical weighted");
    }

    [Fact]
    public void Binary_accuracy_with_rank_1_nd_and_broadcast_weights()
    {
        double Accuracy(Tensor yTrue, Tensor yPred, Tensor? weight)
        {
            var m = tf.keras.metrics.BinaryAccuracy();
            m.update_state(yTrue, yPred, weight);
            return Result(m);
        }
        var column = tf.constant(new[,] { { 0.98f }, { 1 }, { 0 }, { 0.6f } });
        Hand.Close(0.75, Accuracy(tf.constant(new[] { 1, 1, 0, 0 }), column, null), 1e-6, "broadcast labels");
        Hand.Close(0.5, Accuracy(tf.constant(new[,] { { 1 }, { 1 }, { 0 }, { 0 } }), column, tf.constant(new[] { 1f, 0, 0, 1 })), 1e-6, "weighted");
        Hand.Close(0.5, Accuracy(tf.constant(new[] { 1, 1, 0, 0 }), tf.constant(new[] { 0.98f, 1, 0, 0.6f }), tf.constant(new[] { 1f, 0, 0, 1 })), 1e-6, "rank 1");
        var yTrue = tf.constant(new[,] { { 1, 1 }, { 0, 0 } });
        var yPred = tf.constant(new[,] { { 0.98f, 1 }, { 0, 0.6f } });
        Hand.Close(0.5, Accuracy(yTrue, yPred, tf.constant(new[,] { { 1f, 0 }, { 0, 1 } })), 1e-6, "nd weights");
        Hand.Close(1.0, Accuracy(yTrue, yPred, tf.constant(new[,] { { 1f, 0 } })), 1e-6, "broadcast weights");
    }

    [Fact]
    public void Mean_counts_samples_and_weights_them()
    {
        // keras/src/metrics/reduction_metrics_test.py: Mean of [1, 3, 5, 7] weighted [1, 1, 0, 0] is 2.
        var mean = tf.keras.metrics.Mean();
        mean.update_state(tf.constant(new[] { 1f, 3, 5, 7 }), tf.constant(new[] { 1f, 1, 0, 0 }));
        Hand.Close(2.0, Result(mean), 1e-7, "weighted mean");
        // Rows are samples: each row's mean counts once.
        var rows = tf.keras.metrics.Mean();
        rows.update_state(tf.constant(new[,] { { 1f, 3 }, { 5, 7 } }), tf.constant(new[] { 1f, 0 }));
        Hand.Close(2.0, Result(rows), 1e-7, "row means");
        var elementWeights = tf.keras.metrics.Mean();
        elementWeights.update_state(tf.constant(new[,] { { 1f, 3 }, { 5, 7 } }), tf.constant(new[,] { { 1f, 1 }, { 1, 0 } }));
        Hand.Close(3.0, Result(elementWeights), 1e-7, "nd weights");
    }
}
