namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.EarlyStopping</c>, Keras 3's rule. At each epoch's end, with the monitored value v: an
/// improvement on the best (see <see cref="MonitorCallback"/>) records it and resets the wait (if it also beats
/// <c>baseline</c>); otherwise, once <c>patience</c> epochs have passed since the last reset (and epoch &gt; 0),
/// training stops. With <c>restore_best_weights</c> the weights of the best epoch are put back when training ends,
/// whether it stopped early or not (Keras 3). Epochs before <c>start_from_epoch</c> are ignored.
/// </summary>
public sealed class EarlyStopping : MonitorCallback
{
    Model.WeightsSnapshot? bestWeights;

    /// <summary>Keras' <c>EarlyStopping(...)</c>, with Keras 3's defaults; a negative <c>patience</c> is an error.</summary>
    public EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0) : base(monitor, mode, null, min_delta)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "EarlyStopping: patience must be >= 0");
        (this.patience, this.verbose, this.baseline, this.restore_best_weights, this.start_from_epoch) =
            (patience, verbose, baseline, restore_best_weights, start_from_epoch);
    }

    /// <summary>Keras' <c>patience</c>: epochs without improvement after which training stops.</summary>
    public int patience { get; }
    /// <summary>Keras' <c>verbose</c>: above 0, prints when training stopped early and when the best weights are restored.</summary>
    public int verbose { get; }
    /// <summary>Keras' <c>baseline</c>: a value the monitored one must beat for the wait to be reset (null: none).</summary>
    public double? baseline { get; }
    /// <summary>Keras' <c>restore_best_weights</c>: put back the weights of the best epoch when training ends.</summary>
    public bool restore_best_weights { get; }
    /// <summary>Keras' <c>start_from_epoch</c>: epochs before this one are not monitored (a warm-up).</summary>
    public int start_from_epoch { get; }

    /// <summary>Keras' <c>wait</c>: epochs since the last reset (an improvement that also beats <see cref="baseline"/>, if set).</summary>
    public int wait { get; private set; }
    /// <summary>Keras' <c>stopped_epoch</c>: the epoch (from 0) at which training was stopped, 0 if it was not.</summary>
    public int stopped_epoch { get; private set; }
    /// <summary>Keras' <c>best_epoch</c>: the epoch (from 0) of the best monitored value.</summary>
    public int best_epoch { get; private set; }

    /// <summary>The state a backup holds, see <see cref="BackupAndRestore"/>.</summary>
    internal (int Wait, int StoppedEpoch, int BestEpoch, double? Best, Model.WeightsSnapshot? BestWeights) State
    {
        get => (wait, stopped_epoch, best_epoch, best, bestWeights);
        set => (wait, stopped_epoch, best_epoch, best, bestWeights) = value;
    }

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        (wait, stopped_epoch, best, best_epoch, bestWeights) = (0, 0, null, 0, null);
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        var current = MonitorValue(logs, "Early stopping");
        if (current is not { } value || epoch < start_from_epoch) return;
        if (restore_best_weights && bestWeights is null)
        {
            bestWeights = Model.Snapshot();
            best_epoch = epoch;
        }
        wait++;
        if (IsImprovement(value, best))
        {
            best = value;
            best_epoch = epoch;
            if (restore_best_weights) bestWeights = Model.Snapshot();
            if (baseline is null || IsImprovement(value, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0)
        {
            stopped_epoch = epoch;
            Model.stop_training = true;
        }
    }

    /// <inheritdoc/>
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        if (stopped_epoch > 0 && verbose > 0) Console.WriteLine($"Epoch {stopped_epoch + 1}: early stopping");
        if (restore_best_weights && bestWeights is not null)
        {
            if (verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {best_epoch + 1}.");
            bestWeights.Restore();
        }
    }
}
