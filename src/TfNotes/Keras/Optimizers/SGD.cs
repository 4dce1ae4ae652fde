using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// Gradient descent, Keras 3's rule:
/// <code>
/// plain:     w ← w − lr·g
/// momentum:  u ← μ·u − lr·g;  w ← w + u
/// nesterov:  u ← μ·u − lr·g;  w ← w + μ·u − lr·g
/// </code>
/// </summary>
public sealed class SGD : Optimizer
{
    public double momentum { get; }
    public bool nesterov { get; }

    public SGD(double learning_rate = 0.01, double momentum = 0.0, bool nesterov = false) : base(learning_rate)
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    protected override int SlotCount => momentum == 0 ? 0 : 1;

    protected override void Update(IReadOnlyList<VariableUpdate> updates, long step)
    {
        // Scalars are rooted for the native calls: see Ops.WithScalar.
        using Scalar descent = -learning_rate, mu = momentum;
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
