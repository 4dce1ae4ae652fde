namespace TfNotes.Keras.Optimizers.Schedules;

/// <summary>
/// <c>keras.optimizers.schedules.CosineDecay</c> (SGDR without restarts). Without warm-up, with s = min(step, decay_steps):
/// <code>
/// lr(step) = initial_learning_rate · ((1 − alpha)·½(1 + cos(π·s/decay_steps)) + alpha)
/// </code>
/// With <c>warmup_target</c>, the rate first rises linearly from initial_learning_rate to warmup_target over
/// <c>warmup_steps</c>, then decays as above from warmup_target (step counted from the end of the warm-up).
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary><c>keras.optimizers.schedules.CosineDecay</c> with Keras' defaults (alpha 0, no warm-up); decay_steps
    /// must be positive.</summary>
    public CosineDecay(double initial_learning_rate, long decay_steps, double alpha = 0.0, double? warmup_target = null, long warmup_steps = 0)
    {
        if (decay_steps <= 0) throw new ArgumentOutOfRangeException(nameof(decay_steps), decay_steps, $"Argument `decay_steps` must be > 0. Received: decay_steps={decay_steps}");
        (this.initial_learning_rate, this.decay_steps, this.alpha, this.warmup_target, this.warmup_steps) =
            (initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps);
    }

    /// <summary>The learning rate at step 0 (the start of the warm-up, when there is one).</summary>
    public double initial_learning_rate { get; }
    /// <summary>The number of steps to decay over.</summary>
    public long decay_steps { get; }
    /// <summary>The minimum learning rate, as a fraction of the decay's starting rate (default 0).</summary>
    public double alpha { get; }
    /// <summary>The rate the warm-up rises to and the decay starts from; null: no warm-up.</summary>
    public double? warmup_target { get; }
    /// <summary>The number of warm-up steps (default 0).</summary>
    public long warmup_steps { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        if (warmup_target is not { } target) return Decayed(Math.Min(step, decay_steps), initial_learning_rate);
        double s = Math.Min(step, decay_steps + warmup_steps);
        return s < warmup_steps
            ? (target - initial_learning_rate) * (s / warmup_steps) + initial_learning_rate
            : Decayed(s - warmup_steps, target);
    }

    double Decayed(double step, double from)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * step / decay_steps));
        return from * ((1 - alpha) * cosine + alpha);
    }
}
