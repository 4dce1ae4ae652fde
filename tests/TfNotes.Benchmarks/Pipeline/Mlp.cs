using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Benchmarks.Pipeline;

/// <summary>The 784-256-128-10 ReLU network written with tf ops, trained by GradientTape and Keras Adam.</summary>
internal sealed class Mlp
{
    readonly Variable[] parameters;
    readonly Adam optimizer = tf.keras.optimizers.Adam(0.001);

    public Mlp(int seed)
    {
        tf.random.set_seed(seed);
        parameters = [Dense(784, 256), Bias(256), Dense(256, 128), Bias(128), Dense(128, 10), Bias(10)];
    }

    static Variable Dense(int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut)); // Glorot uniform
        return tf.Variable(tf.random.uniform(new Shape(fanIn, fanOut), -limit, limit));
    }

    static Variable Bias(int units) => tf.Variable(tf.zeros(new Shape(units)));

    /// <summary>One Adam step on a batch of float images (n, 784) and int labels (n,); returns the loss.</summary>
    public float Step(Tensor images, Tensor labels)
    {
        var (loss, grads) = Gradients(images, labels);
        Apply(grads);
        return (float)loss;
    }

    /// <summary>The step's forward pass and gradients, without the update (kept past the tape's step with <paramref name="keep"/>).</summary>
    public (Tensor Loss, Tensor?[] Gradients) Gradients(Tensor images, Tensor labels, bool keep = false)
    {
        using var tape = tf.GradientTape();
        var h1 = tf.nn.relu(tf.matmul(images, parameters[0]) + parameters[1]);
        var h2 = tf.nn.relu(tf.matmul(h1, parameters[2]) + parameters[3]);
        var logits = tf.matmul(h2, parameters[4]) + parameters[5];
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(tf.one_hot(labels, 10), logits));
        var grads = tape.gradient(loss, parameters);
        return keep ? (loss.keep(), [.. grads.Select(g => g?.keep())]) : (loss, grads);
    }

    /// <summary>The step's Keras Adam update with <paramref name="grads"/>.</summary>
    public void Apply(Tensor?[] grads) => optimizer.apply_gradients(zip(grads, parameters));
}
