using TfNotes.Cli.Training;

namespace TfNotes.Cli.Runs;

/// <summary>
/// A training run's record as it goes, each change written to its folder at once: started, each finished epoch with
/// its weights (weights first, then the record naming them), and the end — completed, stopped, or failed with the error.
/// </summary>
public sealed class RunLog(RunFolder folder, RunRecord started)
{
    public RunRecord Current { get; private set; } = started;

    public void Start() => folder.Write(Current);

    public void EpochEnded(EpochMetrics metrics, Trainer trainer)
    {
        folder.SaveWeights(trainer, metrics.Epoch);
        Update(Current with { Epochs = [.. Current.Epochs, EpochRecord.From(metrics)], WeightsEpoch = metrics.Epoch });
    }

    /// <summary>Records how training ended; with an epoch chosen on validation, its weights (the model holds them, restored) first.</summary>
    public void Ended(TrainingResult result, Trainer trainer)
    {
        if (result.ChosenEpoch is { } chosen) folder.SaveWeights(trainer, chosen);
        Update(Current with
        {
            Status = RunRecord.StatusOf(result.Outcome), StopReason = result.StopReason, ChosenEpoch = result.ChosenEpoch,
            WeightsEpoch = result.ChosenEpoch ?? Current.WeightsEpoch,
        });
    }

    /// <summary>Records the failure that ends the run; a folder that cannot take it keeps its last record (the failure itself is what the user sees).</summary>
    public void Failed(Exception failure)
    {
        try
        {
            Update(Current with { Status = RunRecord.Failed, StopReason = failure.Message.ReplaceLineEndings(" ") });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Current first: if writing fails half-way (after metrics.json, at a plot), the failure's record still names these epochs and weights.</summary>
    void Update(RunRecord record)
    {
        Current = record;
        folder.Write(record);
    }
}
