using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// RMSprop, Keras 3's rule (ε inside the square root):
/// <code>
/// v ← ρ·v + (1−ρ)·g²
/// centered:  ḡ ← ρ·ḡ + (1−ρ)·g;  d = v − ḡ² + ε     otherwise d = v + ε
/// Δ = lr·g/√d
/// momentum:  u ← μ·u + Δ;  w ← w − u                otherwise w ← w − Δ
/// </code>
/// Slots: "velocity" v, then "momentum" u and "average_gradient" ḡ when used. <c>learning_rate</c> defaults to
/// 0.001; weight decay and clipping as <see cref="Optimizer"/> says.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>ρ, the decay of the squared-gradient average (Keras' default 0.9).</summary>
    public double rho { get; }
    /// <summary>μ, the momentum (Keras' default 0, none).</summary>
    public double momentum { get; }
    /// <summary>ε, added inside the square root (Keras' default 1e-7).</summary>
    public double epsilon { get; }
    /// <summary>Whether to divide by the estimated variance v − ḡ² instead of v (default false).</summary>
    public bool centered { get; }

    /// <summary><c>keras.optimizers.RMSprop</c> with Keras 3's defaults (learning rate 0.001); ρ must be in [0, 1),
    /// momentum in [0, 1].</summary>
    public RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "rmsprop")
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (rho < 0 || rho >= 1) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1)");
        if (momentum < 0 || momentum > 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames =>
        [.. new[] { "velocity" }, .. momentum > 0 ? ["momentum"] : Array.Empty<string>(), .. centered ? ["average_gradient"] : Array.Empty<string>()];

    /// <inheritdoc/>
    protected override void Update(IReadOnlyList<VariableUpdate> updates, long step, double learningRate)
    {
        // Scalars are rooted for the native calls: see Ops.WithScalar.
        using Scalar decay = rho, rest = 1 - rho, eps = epsilon, minusOne = -1, lr = learningRate, mu = momentum;
        foreach (var (w, g, slots) in updates)
        {
            var v = slots[0];
            v.mul_(decay).addcmul_(g, g, value: rest);
            using var denominator = v.add(eps, Ops.One);
            if (centered)
            {
                var mean = slots[^1];
                mean.mul_(decay).add_(g, alpha: rest);
                denominator.addcmul_(mean, mean, value: minusOne);
            }
            using var increment = g.mul(lr);
            increment.div_(denominator.sqrt_());
            if (momentum > 0)
            {
                var u = slots[1];
                u.mul_(mu).add_(increment, Ops.One);
                w.sub_(u);
            }
            else w.sub_(increment);
        }
    }
}
