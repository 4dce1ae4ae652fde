using TfNotes.Cli.Training;
using TfNotes.Tuning;

namespace TfNotes.Cli.Tune;

/// <summary>
/// One trial: train the notes' three-layer network with the trial's parameters for <c>--epochs</c> epochs, report the validation
/// accuracy after each epoch (the pruner may stop the trial there) and return the last one. A NaN or infinite
/// loss fails the trial with the trainer's reason. Each trial's training runs on the worker's <paramref name="threads"/>
/// (its share of the cores). A worker process with one core prepares its batches inline (<c>prefetch(AUTOTUNE)</c>
/// finds no core free): a prefetch thread would only take time from the other worker's core.
/// </summary>
internal sealed class ThreeLayerObjective(TuneSettings settings, TuneData data, int threads, CancellationToken cancellation = default)
{
    readonly SearchSpace space = ThreeLayerSearchSpace.Create(settings);

    public double Evaluate(Trial trial)
    {
        var trainer = new Trainer(Options(trial.SuggestAll(space), settings, trial.Number), threads);
        var result = trainer.Fit(data.Train, data.Validation, new TrainingCallbacks(OnEpochEnd: epoch =>
        {
            trial.Report(epoch.EvaluationAccuracy, epoch.Epoch);
            if (trial.ShouldPrune()) throw new TrialPruned($"pruned after epoch {epoch.Epoch}");
        }), cancellation);
        return result.Outcome switch
        {
            TrainingOutcome.Completed => result.Epochs[^1].EvaluationAccuracy,
            TrainingOutcome.NonFiniteLoss => throw new ArithmeticException(result.StopReason),
            _ => throw new OperationCanceledException(result.StopReason),
        };
    }

    /// <summary>The training run a trial's parameters describe; the model's seed is the run's seed + the trial number.</summary>
    public static TrainingOptions Options(IReadOnlyDictionary<string, object?> parameters, TuneSettings settings, int trialNumber) => new()
    {
        LearningRate = (double)parameters[ThreeLayerSearchSpace.LearningRate]!,
        Beta1 = (double)parameters[ThreeLayerSearchSpace.Beta1]!,
        Hidden = [(int)parameters[ThreeLayerSearchSpace.Hidden1]!, (int)parameters[ThreeLayerSearchSpace.Hidden2]!],
        BatchSize = (int)parameters[ThreeLayerSearchSpace.BatchSize]!,
        BatchNorm = (bool)parameters[ThreeLayerSearchSpace.BatchNorm]!,
        Epochs = settings.Epochs,
        Seed = (settings.Seed ?? 0) + trialNumber,
    };
}
