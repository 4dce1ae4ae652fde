using TfNotes.Keras.Initializers;
using TfNotes.Keras.Layers;
using static TfNotes.Binding;

namespace TfNotes.Notes;

/// <summary>
/// Batch normalization as the notes write it, formula by formula with tf ops, so the tape differentiates it.
/// For a mini-batch of m examples z⁽¹⁾ … z⁽ᵐ⁾ (the rows of z, shape (m, features)):
/// <code>
/// μ          = (1/m)·Σᵢ z⁽ⁱ⁾
/// σ²         = (1/m)·Σᵢ (z⁽ⁱ⁾ − μ)²
/// z_norm⁽ⁱ⁾  = (z⁽ⁱ⁾ − μ) / √(σ² + ε)
/// z̃⁽ⁱ⁾      = γ·z_norm⁽ⁱ⁾ + β
/// </code>
/// γ and β are learned (they replace the layer's bias b, so the linear layer before has none). For test time the
/// notes keep exponentially weighted averages of μ and σ² across mini-batches, used instead of the batch's:
/// <code>
/// moving_mean     ← momentum·moving_mean     + (1 − momentum)·μ        (starts at 0)
/// moving_variance ← momentum·moving_variance + (1 − momentum)·σ²       (starts at 1, as Keras)
/// </code>
/// Gives the same numbers as <see cref="BatchNormalization"/> with the same momentum and ε (the tests check it) and
/// saves its weights under the same names (gamma, beta, moving_mean, moving_variance).
/// </summary>
public sealed class NotesBatchNorm : Layer
{
    /// <summary>The weight of the old value in the moving averages.</summary>
    public double momentum { get; }
    /// <summary>ε in √(σ² + ε).</summary>
    public double epsilon { get; }

    /// <summary>γ, the learned scale (ones at first); null before the layer is built.</summary>
    public Variable? gamma { get; private set; }
    /// <summary>β, the learned shift (zeros at first); null before the layer is built.</summary>
    public Variable? beta { get; private set; }
    /// <summary>The exponentially weighted average of μ, used at test time; null before the layer is built.</summary>
    public Variable? moving_mean { get; private set; }
    /// <summary>The exponentially weighted average of σ², used at test time; null before the layer is built.</summary>
    public Variable? moving_variance { get; private set; }

    /// <summary>A layer normalizing each feature over the batch; its weights are made on the first call.</summary>
    public NotesBatchNorm(double momentum = 0.99, double epsilon = 1e-3, string? name = null) : base(name, "notes_batch_norm")
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "NotesBatchNorm: momentum must be in [0, 1]");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "NotesBatchNorm: epsilon must be positive");
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override void build(Shape input_shape)
    {
        RequireRank(input_shape, 2);
        var features = new Shape(input_shape[1]);
        gamma = add_weight("gamma", features, new Ones());
        beta = add_weight("beta", features, new Zeros());
        moving_mean = add_weight("moving_mean", features, new Zeros(), trainable: false);
        moving_variance = add_weight("moving_variance", features, new Ones(), trainable: false);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 2);
        if (input_shape[1] != gamma!.shape[0]) throw Incompatible(input_shape, -1, gamma.shape[0]);
        return input_shape;
    }

    /// <inheritdoc/>
    protected override Shape? InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes) =>
        weightShapes.TryGetValue("gamma", out var g) && g.ndim == 1
            ? new Shape(-1, g[0])
            : throw new ArgumentException($"NotesBatchNorm '{name}': the weights have no 1-D 'gamma' to build from", nameof(weightShapes));

    /// <inheritdoc/>
    protected override Tensor Call(Tensor z, bool training)
    {
        if (z.ndim != 2 || z.shape[1] != gamma!.shape[0]) throw Incompatible(z.shape, -1, gamma!.shape[0]);

        Tensor mu = moving_mean!, sigma2 = moving_variance!;
        if (training && trainable)
        {
            double m = z.shape[0];
            mu = tf.reduce_sum(z, axis: 0) / m;
            sigma2 = tf.reduce_sum(tf.square(z - mu), axis: 0) / m;
            MovingAverage.Update(moving_mean!, mu, momentum);
            MovingAverage.Update(moving_variance!, sigma2, momentum);
        }
        var z_norm = (z - mu) / tf.sqrt(sigma2 + epsilon);
        return gamma * z_norm + beta!;
    }
}
