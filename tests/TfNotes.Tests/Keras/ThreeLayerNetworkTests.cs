using TfNotes.Notes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

public class ThreeLayerNetworkTests
{
    const int Classes = 3, Inputs = 6, PerClass = 80;

    /// <summary>Three Gaussian blobs (σ = 0.6) around well-separated centres, shuffled deterministically.</summary>
    static (Tensor x, Tensor labels) Blobs(int seed)
    {
        var random = new Random(seed);
        var centres = Hand.Values(Classes, Inputs, seed: 100, scale: 2);
        int m = Classes * PerClass;
        var order = Enumerable.Range(0, m).OrderBy(_ => random.Next()).ToArray();
        var x = new float[m, Inputs];
        var labels = new int[m];
        for (int n = 0; n < m; n++)
        {
            int i = order[n], c = n % Classes;
            labels[i] = c;
            for (int j = 0; j < Inputs; j++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                x[i, j] = (float)(centres[c, j] + 0.6 * gaussian);
            }
        }
        return (tf.constant(x), tf.constant(labels));
    }

    static float Accuracy(ThreeLayerNetwork network, Tensor x, Tensor labels)
    {
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        accuracy.update_state(labels, network.Forward(x));
        return (float)accuracy.result();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trains_to_high_accuracy_on_separable_blobs(bool batchNorm)
    {
        var (x, labels) = Blobs(seed: 1);
        var (testX, testLabels) = Blobs(seed: 2);
        var network = new ThreeLayerNetwork(Inputs, [25, 12], Classes, batchNorm, seed: 1);
        var optimizer = tf.keras.optimizers.Adam(0.01);
        float first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            int start = step % 4 * 60;   // mini-batches of 60
            last = network.TrainStep(Rows(x, start, 60), Rows(labels, start, 60), optimizer);
            if (step == 0) first = last;
        }
        Assert.True(last < first / 5, $"cost {first} → {last}");
        Assert.True(Accuracy(network, x, labels) >= 0.97f, $"train accuracy {Accuracy(network, x, labels)}");
        Assert.True(Accuracy(network, testX, testLabels) >= 0.95f, $"test accuracy {Accuracy(network, testX, testLabels)}");
    }

    static Tensor Rows(Tensor t, int start, int count) => tf.stack(Enumerable.Range(start, count).Select(i => t[i]));

    [Fact]
    public void Parameters_follow_the_notes_and_batch_norm_replaces_the_hidden_biases()
    {
        var plain = new ThreeLayerNetwork(4, [25, 12], 6);
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], plain.trainable_variables.Select(v => v.name));
        Assert.Equal(new Shape(4, 25), plain.trainable_variables[0].shape);
        var normalised = new ThreeLayerNetwork(4, [25, 12], 6, batchNorm: true);
        // Keras' tracking order: the model's own variables, then each sublayer's (batch_norm1's γ and β, batch_norm2's).
        Assert.Equal(["W1", "W2", "W3", "b3", "gamma", "beta", "gamma", "beta"], normalised.trainable_variables.Select(v => v.name));
        Assert.Equal(12, normalised.variables.Count);
        Assert.Equal(new Shape(2, 6), normalised.Forward(tf.ones(new Shape(2, 4))).shape);
        Assert.Throws<InvalidArgumentError>(() => plain.Forward(tf.ones(new Shape(2, 5))));
        Assert.Throws<ArgumentException>(() => new ThreeLayerNetwork(4, [], 6));
    }

    [Fact]
    public void Cost_accepts_integer_or_one_hot_labels()
    {
        var network = new ThreeLayerNetwork(4, [5, 5], 3);
        var x = Hand.Float32(Hand.Values(4, 4, seed: 3));
        var labels = tf.constant(new[] { 0, 2, 1, 2 });
        var logits = network.Forward(x);
        Hand.Close((float)network.ComputeCost(logits, labels), (float)network.ComputeCost(logits, tf.one_hot(labels, 3)), 1e-6, "J");
    }
}
