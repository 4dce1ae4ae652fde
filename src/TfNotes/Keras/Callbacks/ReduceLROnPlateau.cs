namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.ReduceLROnPlateau</c>: after <c>patience</c> epochs without improvement of the monitored value
/// (by more than <c>min_delta</c>, default 1e-4), <c>lr ← max(lr·factor, min_lr)</c>, then <c>cooldown</c> epochs
/// of rest. Adds <c>learning_rate</c> to the epoch's logs.
/// </summary>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    int cooldownCounter, wait;

    /// <summary>Keras' <c>ReduceLROnPlateau(...)</c>, with Keras 3's defaults; a <c>factor</c> of 1.0 or more is an error.</summary>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 1e-4, int cooldown = 0, double min_lr = 0.0) : base(monitor, mode, null, min_delta)
    {
        if (factor >= 1.0) throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}");
        (this.factor, this.patience, this.verbose, this.cooldown, this.min_lr) = (factor, patience, verbose, cooldown, min_lr);
    }

    /// <summary>Keras' <c>factor</c>: the learning rate is multiplied by it on a plateau.</summary>
    public double factor { get; }
    /// <summary>Keras' <c>patience</c>: epochs without improvement after which the learning rate is reduced.</summary>
    public int patience { get; }
    /// <summary>Keras' <c>verbose</c>: above 0, prints each reduction.</summary>
    public int verbose { get; }
    /// <summary>Keras' <c>cooldown</c>: epochs after a reduction during which the wait stays at 0.</summary>
    public int cooldown { get; }
    /// <summary>Keras' <c>min_lr</c>: the lower bound of the learning rate.</summary>
    public double min_lr { get; }

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null) => (best, cooldownCounter, wait) = (null, 0, 0);

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        var optimizer = Model.optimizer!;
        logs?["learning_rate"] = (float)optimizer.learning_rate;
        if (MonitorValue(logs, "Learning rate reduction") is not { } current) return;
        if (cooldownCounter > 0)
        {
            cooldownCounter--;
            wait = 0;
        }
        if (IsImprovement(current, best))
        {
            best = current;
            wait = 0;
        }
        else if (cooldownCounter == 0 && ++wait >= patience)
        {
            double old = optimizer.learning_rate;
            if (old > (float)min_lr)
            {
                double reduced = Math.Max(old * factor, min_lr);
                optimizer.learning_rate = reduced;
                if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {reduced}.");
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }
}
