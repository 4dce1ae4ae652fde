namespace TfNotes.Keras.Optimizers;

/// <summary>
/// Adam, Keras 3's rule, with t = iterations + 1:
/// <code>
/// m ← β1·m + (1−β1)·g                 (slot "momentum")
/// v ← β2·v + (1−β2)·g²                (slot "velocity")
/// amsgrad: v̂ ← max(v̂, v), used for v (slot "velocity_hat")
/// α = lr·√(1−β2^t)/(1−β1^t)
/// w ← w − α·m/(√v + ε)
/// </code>
/// ε is added to the uncorrected √v and defaults to 1e-7 — not <c>torch.optim.Adam</c>'s placement (after bias
/// correction) nor its 1e-8. The update runs as libtorch's fused Adam kernel (<see cref="FusedAdamKernel"/>, one
/// pass per variable) given ε/√(1−β2^t) as its ε, because (√v + ε)/√(1−β2^t) = √v/√(1−β2^t) + ε/√(1−β2^t):
/// torch's placement with that ε is Keras' rule (with amsgrad too: the kernel keeps v̂ the same way).
/// <c>learning_rate</c> defaults to 0.001; weight decay and clipping as <see cref="Optimizer"/> says.
/// </summary>
public sealed class Adam : Optimizer
{
    static readonly string[] Slots = ["momentum", "velocity"], AmsgradSlots = ["momentum", "velocity", "velocity_hat"];

    /// <summary>β1, the decay of the first-moment (momentum) average (Keras' default 0.9).</summary>
    public double beta_1 { get; }
    /// <summary>β2, the decay of the second-moment (velocity) average (Keras' default 0.999).</summary>
    public double beta_2 { get; }
    /// <summary>ε, added to √v for numerical stability (Keras' default 1e-7).</summary>
    public double epsilon { get; }
    /// <summary>Whether to use the AMSGrad variant, dividing by the largest v seen (default false).</summary>
    public bool amsgrad { get; }

    /// <summary><c>keras.optimizers.Adam</c> with Keras 3's defaults (learning rate 0.001); β1 and β2 must be in [0,
    /// 1).</summary>
    public Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adam")
        : base(learning_rate, 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, name)
    {
        if (beta_1 < 0 || beta_1 >= 1) throw new ArgumentOutOfRangeException(nameof(beta_1), beta_1, "beta_1 must be in [0, 1)");
        if (beta_2 < 0 || beta_2 >= 1) throw new ArgumentOutOfRangeException(nameof(beta_2), beta_2, "beta_2 must be in [0, 1)");
        this.beta_1 = beta_1;
        this.beta_2 = beta_2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames => amsgrad ? AmsgradSlots : Slots;

    /// <inheritdoc/>
    protected override void Update(IReadOnlyList<VariableUpdate> updates, long step, double lr) =>
        FusedAdamKernel.Apply(updates, step, lr, beta_1, beta_2, epsilon / Math.Sqrt(1 - Math.Pow(beta_2, step)), amsgrad);
}
