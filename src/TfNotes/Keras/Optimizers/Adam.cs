using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// Adam, Keras 3's rule, with t = iterations + 1:
/// <code>
/// m ← β1·m + (1−β1)·g
/// v ← β2·v + (1−β2)·g²
/// α = lr·√(1−β2^t)/(1−β1^t)
/// w ← w − α·m/(√v + ε)
/// </code>
/// ε is added to the uncorrected √v and defaults to 1e-7 — not <c>torch.optim.Adam</c>'s placement (after bias
/// correction) nor its 1e-8. The update runs as libtorch's fused Adam kernel (<see cref="FusedAdamKernel"/>, one
/// pass per variable) given ε/√(1−β2^t) as its ε, because (√v + ε)/√(1−β2^t) = √v/√(1−β2^t) + ε/√(1−β2^t):
/// torch's placement with that ε is Keras' rule.
/// </summary>
public sealed class Adam : Optimizer
{
    public double beta_1 { get; }
    public double beta_2 { get; }
    public double epsilon { get; }

    public Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7) : base(learning_rate)
    {
        if (beta_1 < 0 || beta_1 >= 1) throw new ArgumentOutOfRangeException(nameof(beta_1), beta_1, "beta_1 must be in [0, 1)");
        if (beta_2 < 0 || beta_2 >= 1) throw new ArgumentOutOfRangeException(nameof(beta_2), beta_2, "beta_2 must be in [0, 1)");
        this.beta_1 = beta_1;
        this.beta_2 = beta_2;
        this.epsilon = epsilon;
    }

    protected override int SlotCount => 2;

    protected override void Update(IReadOnlyList<VariableUpdate> updates, long step) =>
        FusedAdamKernel.Apply(updates, step, learning_rate, beta_1, beta_2, epsilon / Math.Sqrt(1 - Math.Pow(beta_2, step)));
}
