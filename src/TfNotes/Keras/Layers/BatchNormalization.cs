using System.Diagnostics.CodeAnalysis;
using TfNotes.Keras.Initializers;
using static TfNotes.Binding;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.BatchNormalization</c> with Keras 3 semantics. Statistics are per feature (along
/// <see cref="axis"/>), over all other axes:
/// <code>
/// training:   μ = mean(x),  σ² = mean((x − μ)²)   (biased: divided by m, for normalising and for the average)
///             moving_mean     ← moving_mean·momentum     + μ·(1 − momentum)
///             moving_variance ← moving_variance·momentum + σ²·(1 − momentum)
/// inference:  μ = moving_mean, σ² = moving_variance
/// y = γ·(x − μ)/√(σ² + ε) + β
/// </code>
/// <c>gamma</c> (γ, ones) and <c>beta</c> (β, zeros) are trainable; the moving statistics (zeros and ones) are not, and
/// are updated in place without gradient. Not <c>torch.nn.BatchNorm1d</c>: that keeps the unbiased variance and uses
/// momentum the other way round. See <see cref="Notes.NotesBatchNorm"/> for the notes' formulas written out.
/// Training runs as one native kernel forward and one backward (<see cref="FusedBatchNorm"/>), as TensorFlow's fused
/// batch norm; a batch of one value per feature (and inference) uses <c>tf.nn.moments</c> and
/// <c>tf.nn.batch_normalization</c>.
/// A frozen layer (<c>trainable = false</c>) runs in inference mode even when training, as Keras 3.
/// </summary>
public sealed class BatchNormalization : Layer
{
    /// <summary>Keras' <c>axis</c>: the feature axis (default -1, the last); statistics are taken over all the others.</summary>
    public int axis { get; }
    /// <summary>Keras' <c>momentum</c>: the weight of the old value in the moving averages, in [0, 1].</summary>
    public double momentum { get; }
    /// <summary>Keras' <c>epsilon</c>: added to the variance before the square root (positive).</summary>
    public double epsilon { get; }
    /// <summary>Keras' <c>center</c>: add the trainable offset <see cref="beta"/>.</summary>
    public bool center { get; }
    /// <summary>Keras' <c>scale</c>: multiply by the trainable factor <see cref="gamma"/>.</summary>
    public bool scale { get; }

    /// <summary>Keras' <c>gamma</c> (γ, initially ones); null before build or without <see cref="scale"/>.</summary>
    public Variable? gamma { get; private set; }
    /// <summary>Keras' <c>beta</c> (β, initially zeros); null before build or without <see cref="center"/>.</summary>
    public Variable? beta { get; private set; }
    /// <summary>Keras' <c>moving_mean</c>: the non-trainable average of the batch means used in inference (initially zeros); null before build.</summary>
    public Variable? moving_mean { get; private set; }
    /// <summary>Keras' <c>moving_variance</c>: the non-trainable average of the batch variances used in inference (initially ones); null before build.</summary>
    public Variable? moving_variance { get; private set; }

    FusedBatchNorm? fused;
    long features; // the weights' length, fixed at build (a variable's shape never changes)

    /// <summary>Keras' <c>BatchNormalization(axis, momentum, epsilon, center, scale, name)</c>, with Keras 3's defaults.</summary>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        string? name = null) : base(name, "batch_normalization")
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "BatchNormalization: momentum must be in [0, 1]");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "BatchNormalization: epsilon must be positive");
        this.axis = axis;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    /// <inheritdoc/>
    public override void build(Shape input_shape)
    {
        features = input_shape[FeatureAxis(input_shape)];
        var perFeature = new Shape(features);
        if (scale) gamma = add_weight("gamma", perFeature, new Ones());
        if (center) beta = add_weight("beta", perFeature, new Zeros());
        moving_mean = add_weight("moving_mean", perFeature, new Zeros(), trainable: false);
        moving_variance = add_weight("moving_variance", perFeature, new Ones(), trainable: false);
        fused = new FusedBatchNorm(moving_mean, moving_variance);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        int featureAxis = FeatureAxis(input_shape);
        if (input_shape[featureAxis] != features) throw Incompatible(input_shape, axis, features);
        return input_shape;
    }

    /// <summary>The smallest input shape that puts the stored feature count on <see cref="axis"/>.</summary>
    protected override Shape? InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes)
    {
        if (!weightShapes.TryGetValue("moving_mean", out var stats) || stats.ndim != 1)
            throw new ArgumentException($"BatchNormalization '{name}': the weights have no 1-D 'moving_mean' to build from", nameof(weightShapes));
        var dims = Enumerable.Repeat(-1L, Math.Max(2, axis < 0 ? -axis : axis + 1)).ToArray();
        dims[axis < 0 ? dims.Length + axis : axis] = stats[0];
        return new Shape(dims);
    }

    /// <summary><see cref="axis"/> as a non-negative axis of <paramref name="input_shape"/>.</summary>
    int FeatureAxis(Shape input_shape)
    {
        int resolved = axis < 0 ? axis + input_shape.ndim : axis;
        if (resolved < 0 || resolved >= input_shape.ndim)
            throw new InvalidArgumentError($"BatchNormalization '{name}': axis {axis} is out of range for input shape {input_shape}");
        return resolved;
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        var shape = x.shape;
        int featureAxis = FeatureAxis(shape);
        if (shape[featureAxis] != features) throw Incompatible(shape, axis, features);

        Tensor mean = moving_mean!, variance = moving_variance!;
        if (training && trainable && FusedBatchNorm.Applies(shape, featureAxis))
            return fused!.Training(x, gamma, beta, momentum, featureAxis, epsilon);
        if (training && trainable)
        {
            var reduction = Enumerable.Range(0, x.ndim).Where(a => a != featureAxis).ToArray();
            (mean, variance) = tf.nn.moments(x, reduction);
            MovingAverage.Update(moving_mean!, mean, momentum);
            MovingAverage.Update(moving_variance!, variance, momentum);
        }
        return tf.nn.batch_normalization(x, Broadcastable(mean, x.ndim, featureAxis), Broadcastable(variance, x.ndim, featureAxis),
            Broadcastable(beta, x.ndim, featureAxis), Broadcastable(gamma, x.ndim, featureAxis), epsilon);
    }

    /// <summary>A per-feature vector reshaped to (1, …, features, …, 1) unless the features are the last axis.</summary>
    [return: NotNullIfNotNull(nameof(perFeature))]
    static Tensor? Broadcastable(Tensor? perFeature, int rank, int featureAxis)
    {
        if (perFeature is null || featureAxis == rank - 1) return perFeature;
        var dims = Enumerable.Repeat(1L, rank).ToArray();
        dims[featureAxis] = -1;
        return tf.reshape(perFeature, new Shape(dims));
    }
}
