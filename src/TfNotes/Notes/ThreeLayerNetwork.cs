using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using TfNotes.Keras.Layers;
using TfNotes.Keras.Losses;
using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Notes;

/// <summary>
/// The network of the course's TensorFlow assignment, LINEAR → RELU → LINEAR → RELU → LINEAR → SOFTMAX, written the
/// notes' way: parameters W1, b1, …, a forward function, a cost and a GradientTape step. <c>hidden</c> gives the
/// sizes of the hidden layers (two for the assignment's network; any number works). Examples are the rows of X (as
/// tf.data batches them), so with A[0] = X and L = hidden.Length + 1:
/// <code>
/// Z[l] = A[l−1]·W[l] + b[l]     W[l] of shape (n[l−1], n[l]): the transpose of the notes' W[l] for column examples
/// A[l] = relu(Z[l])             l &lt; L; Z[L] are the logits, ŷ = softmax(Z[L])
/// J    = (1/m)·Σᵢ −Σⱼ yⱼ⁽ⁱ⁾·log ŷⱼ⁽ⁱ⁾
/// </code>
/// With batch normalization each hidden layer is Z̃[l] = BatchNorm(A[l−1]·W[l]), A[l] = relu(Z̃[l]), and has no b[l]:
/// β[l] takes its place. BatchNorm is Keras' <see cref="BatchNormalization"/> (one native kernel each way); the notes'
/// formulas, written out, are <see cref="NotesBatchNorm"/>, which gives the same numbers.
/// W[l] starts from GlorotNormal(seed + l) (the assignment's initializer), b[l]
/// from zeros. Weights save as W1, b1, …, batch_norm1/gamma, batch_norm1/beta, batch_norm1/moving_mean, ….
/// <para>It is a Keras <see cref="Model"/> (its W and b and batch norms are tracked from its fields), so besides the
/// notes' own loop (<see cref="Forward"/>, <see cref="ComputeCost"/>, <see cref="TrainStep"/>) it trains with
/// <c>compile</c>/<c>fit</c>, as <c>tfnotes train</c> does, and prints a <c>summary()</c>.</para>
/// </summary>
public sealed class ThreeLayerNetwork : Model
{
    readonly List<Variable> parameters = []; // W1, b1, W2, …: first, so Keras' tracking lists them in the notes' order
    readonly Variable[] W;
    readonly Variable?[] b;
    readonly BatchNormalization?[] batchNorms;
    readonly SparseCategoricalCrossentropy sparseCost = new(from_logits: true);
    readonly CategoricalCrossentropy oneHotCost = new(from_logits: true);

    /// <summary>The number of input features n[0].</summary>
    public int inputs { get; }
    /// <summary>The sizes of the hidden layers n[1] … n[L−1].</summary>
    public IReadOnlyList<int> hidden { get; }
    /// <summary>The number of classes n[L] (the logits' width).</summary>
    public int classes { get; }
    /// <summary>Whether each hidden layer is batch-normalized (then it has no b[l]).</summary>
    public bool batchNorm { get; }

    /// <summary>The network for examples of <paramref name="inputs"/> features, <paramref name="hidden"/> layer sizes
    /// and <paramref name="classes"/> classes; W[l] starts from GlorotNormal(seed + l).</summary>
    public ThreeLayerNetwork(int inputs, int[] hidden, int classes, bool batchNorm = false, int seed = 1, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (inputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be positive");
        if (hidden.Length == 0 || hidden.Any(h => h <= 0))
            throw new ArgumentException($"hidden must list one or more positive layer sizes, got [{string.Join(", ", hidden)}]", nameof(hidden));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be at least 2");
        (this.inputs, this.hidden, this.classes, this.batchNorm) = (inputs, hidden.ToArray(), classes, batchNorm);

        int[] sizes = [inputs, .. hidden, classes];
        int L = sizes.Length - 1;
        W = new Variable[L];
        b = new Variable?[L];
        batchNorms = new BatchNormalization?[L];
        for (int l = 1; l <= L; l++)
        {
            using var initialW = new GlorotNormal(seed + l).Apply(new Shape(sizes[l - 1], sizes[l]));
            parameters.Add(W[l - 1] = tf.Variable(initialW, name: $"W{l}"));
            if (batchNorm && l < L)
            {
                var normalisation = new BatchNormalization(name: $"batch_norm{l}");
                normalisation.build(new Shape(-1, sizes[l]));
                batchNorms[l - 1] = normalisation;
            }
            else
            {
                using var initialB = tf.zeros(new Shape(sizes[l]));
                parameters.Add(b[l - 1] = tf.Variable(initialB, name: $"b{l}")!);
            }
        }
    }

    /// <summary>The logits Z[L] for the examples in the rows of <paramref name="x"/> (shape (m, inputs), cast to float32): <c>Apply</c>.</summary>
    public Tensor Forward(Tensor x, bool training = false) => Apply(x, training);

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 2);
        if (input_shape[1] != inputs) throw Incompatible(input_shape, -1, inputs);
        return new Shape(input_shape[0], classes);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        compute_output_shape(x.shape);
        var A = x;
        for (int l = 0; l < W.Length; l++)
        {
            var Z = tf.matmul(A, W[l]);
            Z = batchNorms[l] is { } bn ? bn.Apply(Z, training) : Z + b[l]!;
            A = l < W.Length - 1 ? tf.nn.relu(Z) : Z;
        }
        return A;
    }

    /// <summary>
    /// J = (1/m)·Σᵢ −Σⱼ yⱼ log softmax(logits)ⱼ for integer labels of shape (m,) or one-hot labels of shape (m, classes).
    /// Its gradient with respect to the logits is (ŷ − y)/m, the notes' dZ[L] = ŷ − y averaged over the batch.
    /// </summary>
    public Tensor ComputeCost(Tensor logits, Tensor labels) =>
        labels.shape == logits.shape ? oneHotCost.Call(labels, logits) : sparseCost.Call(labels, logits);

    /// <summary>
    /// One step of mini-batch gradient descent: the forward pass in training mode and the cost on a GradientTape, the
    /// gradients, and <paramref name="optimizer"/>'s update. Returns the cost before the update; every tensor the step
    /// makes is freed when it returns.
    /// </summary>
    public float TrainStep(Tensor x, Tensor y, Optimizer optimizer)
    {
        using var step = StepScope.Begin();
        using var tape = tf.GradientTape();
        var cost = ComputeCost(Forward(x, training: true), y);
        var grads = tape.gradient(cost, trainable_variables);
        optimizer.apply_gradients(zip(grads, trainable_variables));
        return (float)cost;
    }
}
