namespace TfNotes.Cli.Training;

/// <summary>After each training step: running means over the epoch so far (Keras' progress bar numbers).</summary>
public sealed record StepProgress(int Epoch, int Step, int StepsPerEpoch, double Loss, double Accuracy, TimeSpan EpochElapsed);

/// <summary>
/// A finished epoch: the mean training loss (each batch weighted by its size, as Keras) and accuracy over its steps
/// (measured as they ran), the accuracy on the evaluation set afterwards (inference mode), the validation accuracy
/// when the run holds out validation data, and the epoch's wall-clock seconds, evaluations included.
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double EvaluationAccuracy, double Seconds,
    double? ValidationAccuracy = null);

public enum TrainingOutcome { Completed, Cancelled, NonFiniteLoss }

/// <summary>
/// How training ended, the finished epochs and, unless completed, why it stopped ("loss is NaN at epoch 2, step 13").
/// A stopped epoch is not in <see cref="Epochs"/>. <see cref="ChosenEpoch"/> is the epoch whose weights the model
/// holds when they were chosen on validation accuracy (null: the last epoch's).
/// </summary>
public sealed record TrainingResult(TrainingOutcome Outcome, IReadOnlyList<EpochMetrics> Epochs, string? StopReason, int? ChosenEpoch = null)
{
    /// <summary>The epoch whose weights the model ends with.</summary>
    public EpochMetrics? Final => Epochs.Count == 0 ? null : ChosenEpoch is { } chosen ? Epochs.Single(e => e.Epoch == chosen) : Epochs[^1];
}

/// <summary>
/// Observers of a run, called on the training thread. <see cref="OnEpochEnd"/> runs once the epoch's weights are
/// final (save them there); cancelling the token passed to <see cref="Trainer.Fit"/> from either callback stops
/// training after the current step (a tuner's pruning).
/// </summary>
public sealed record TrainingCallbacks(Action<StepProgress>? OnStep = null, Action<EpochMetrics>? OnEpochEnd = null);
