using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// Gradient descent, Keras 3's rule:
/// <code>
/// plain:     w ← w − lr·g
/// momentum:  u ← μ·u − lr·g;  w ← w + u
/// nesterov:  u ← μ·u − lr·g;  w ← w + μ·u − lr·g
/// </code>
/// u is the slot "momentum" (none without momentum). <c>learning_rate</c> defaults to 0.01; weight decay and
/// clipping as <see cref="Optimizer"/> says.
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>μ, the momentum (Keras' default 0, plain gradient descent).</summary>
    public double momentum { get; }
    /// <summary>Whether to apply Nesterov momentum (default false).</summary>
    public bool nesterov { get; }

    static readonly string[] MomentumSlot = ["momentum"];

    /// <summary><c>keras.optimizers.SGD</c> with Keras 3's defaults (learning rate 0.01); momentum must be in [0,
    /// 1].</summary>
    public SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, string name = "SGD")
        : base(learning_rate, 0.01, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames => momentum == 0 ? [] : MomentumSlot;

    /// <inheritdoc/>
    protected override void Update(IReadOnlyList<VariableUpdate> updates, long step, double lr)
    {
        // Scalars are rooted for the native calls: see Ops.WithScalar.
        using Scalar descent = -lr, mu = momentum;
        foreach (var (w, g, slots) in updates)
        {
            if (momentum == 0)
            {
                w.add_(g, alpha: descent);
                continue;
            }
            var u = slots[0];
            u.mul_(mu).add_(g, alpha: descent);
            if (!nesterov) w.add_(u, Ops.One);
            else w.add_(u, alpha: mu).add_(g, alpha: descent);
        }
    }
}
