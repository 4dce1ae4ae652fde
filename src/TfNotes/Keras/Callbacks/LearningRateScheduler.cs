namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.LearningRateScheduler</c>: at each epoch's start sets the optimizer's learning rate to
/// <c>schedule(epoch, lr)</c> (or <c>schedule(epoch)</c>); adds <c>learning_rate</c> to the epoch's logs.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    readonly Func<int, double, double> schedule;

    /// <summary>Keras' <c>LearningRateScheduler(schedule, verbose)</c> with <c>schedule(epoch, lr)</c>: the new rate from the epoch (from 0) and the current rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.verbose = verbose;
    }

    /// <summary>Keras' <c>LearningRateScheduler(schedule, verbose)</c> with <c>schedule(epoch)</c>: the new rate from the epoch (from 0) alone.</summary>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0) : this((epoch, _) => schedule(epoch), verbose)
    {
        ArgumentNullException.ThrowIfNull(schedule);
    }

    /// <summary>Keras' <c>verbose</c>: above 0, prints the rate set at each epoch's start.</summary>
    public int verbose { get; }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null)
    {
        var optimizer = Model.optimizer!;
        double rate = schedule(epoch, optimizer.learning_rate);
        optimizer.learning_rate = rate;
        if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {rate}.");
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        logs?["learning_rate"] = (float)Model.optimizer!.learning_rate;
    }
}
