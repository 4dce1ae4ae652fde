using TfNotes.Keras.Initializers;
using TfNotes.Keras.Losses;
using TfNotes.Keras.Optimizers;
using TfNotes.Keras.Saving;
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
/// With batch normalization each hidden layer is Z̃[l] = <see cref="NotesBatchNorm"/>(A[l−1]·W[l]), A[l] = relu(Z̃[l]),
/// and has no b[l]: β[l] takes its place. W[l] starts from GlorotNormal(seed + l) (the assignment's initializer), b[l]
/// from zeros. Weights save as W1, b1, …, batch_norm1/gamma, batch_norm1/beta, batch_norm1/moving_mean, ….
/// </summary>
public sealed class ThreeLayerNetwork
{
    readonly Variable[] W;
    readonly Variable?[] b;
    readonly NotesBatchNorm?[] batchNorms;
    readonly List<(string Name, Variable Variable)> named;
    readonly SparseCategoricalCrossentropy sparseCost = new(from_logits: true);
    readonly CategoricalCrossentropy oneHotCost = new(from_logits: true);

    public int inputs { get; }
    public IReadOnlyList<int> hidden { get; }
    public int classes { get; }
    public bool batchNorm { get; }

    public ThreeLayerNetwork(int inputs, int[] hidden, int classes, bool batchNorm = false, int seed = 1)
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
        batchNorms = new NotesBatchNorm?[L];
        for (int l = 1; l <= L; l++)
        {
            using var initialW = new GlorotNormal(seed + l).Apply(new Shape(sizes[l - 1], sizes[l]));
            W[l - 1] = tf.Variable(initialW, name: $"W{l}");
            if (batchNorm && l < L)
            {
                var normalisation = new NotesBatchNorm(name: $"batch_norm{l}");
                normalisation.build(new Shape(-1, sizes[l]));
                batchNorms[l - 1] = normalisation;
            }
            else
            {
                using var initialB = tf.zeros(new Shape(sizes[l]));
                b[l - 1] = tf.Variable(initialB, name: $"b{l}");
            }
        }
        named = Parameters().ToList();
        variables = named.Select(p => p.Variable).ToList();
        trainable_variables = variables.Where(v => v.trainable).ToList();
    }

    /// <summary>W1, b1 (or batch_norm1's γ, β), W2, …: what the optimizer updates.</summary>
    public IReadOnlyList<Variable> trainable_variables { get; }

    /// <summary>The trainable variables and the batch-norm moving statistics.</summary>
    public IReadOnlyList<Variable> variables { get; }

    /// <summary>The logits Z[L] for the examples in the rows of <paramref name="x"/> (float32, shape (m, inputs)).</summary>
    public Tensor Forward(Tensor x, bool training = false)
    {
        if (x.dtype != DType.Float32 || x.ndim != 2 || x.shape[1] != inputs)
            throw new InvalidArgumentError($"ThreeLayerNetwork.Forward: x must be float32 of shape (m, {inputs}), got {x.dtype} {x.shape}");
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

    public void save_weights(string path) => WeightsFile.Save(path, named);

    /// <summary>Reads weights written by <see cref="save_weights"/> by a network of the same sizes and batch-norm option.</summary>
    public void load_weights(string path) => WeightsFile.Assign(path, WeightsFile.Read(path), named);

    IEnumerable<(string Name, Variable Variable)> Parameters()
    {
        for (int l = 0; l < W.Length; l++)
        {
            yield return (W[l].name, W[l]);
            if (b[l] is { } bias) yield return (bias.name, bias);
            if (batchNorms[l] is { } bn) foreach (var weight in bn.NamedWeights) yield return weight;
        }
    }
}
