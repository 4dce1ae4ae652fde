using TfNotes.Keras;
using TfNotes.Keras.Callbacks;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// An EarlyStopping callback's progress (Keras does not checkpoint callbacks; <see cref="BackupAndRestore"/> does, so a
/// resumed fit stops where the uninterrupted one would): <c>name/wait</c>, <c>name/stopped_epoch</c>,
/// <c>name/best_epoch</c>, <c>name/best</c> (NaN for none yet) and, with <c>restore_best_weights</c>, the best epoch's
/// weights as <c>name/best_weights/&lt;variable path&gt;</c>.
/// </summary>
internal sealed class TrackedEarlyStopping(string name, EarlyStopping stopping) : Trackable(name)
{
    internal override string Kind => "early_stopping";

    string Weights => $"{Name}/best_weights/";

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths)
    {
        var (wait, stopped, bestEpoch, best, weights) = stopping.State;
        values.Add(($"{Name}/wait", CheckpointValues.Scalar(wait)));
        values.Add(($"{Name}/stopped_epoch", CheckpointValues.Scalar(stopped)));
        values.Add(($"{Name}/best_epoch", CheckpointValues.Scalar(bestEpoch)));
        values.Add(($"{Name}/best", CheckpointValues.Scalar(best ?? double.NaN)));
        foreach (var (variable, value) in weights?.Saved ?? [])
        {
            var path = paths.PathOf(variable) ?? throw new InvalidOperationException(
                $"Checkpoint: EarlyStopping '{Name}' keeps weights of variable '{variable.name}', which no object of this checkpoint holds; track the model too");
            values.Add(($"{Weights}{path}", StoredTensor.Of(value)));
        }
    }

    internal override Action Plan(RestoreContext context)
    {
        long Count(string key) => CheckpointValues.Int64(context.Expect($"{Name}/{key}", CheckpointValues.ScalarShape, DType.Int64));
        var (wait, stopped, bestEpoch) = ((int)Count("wait"), (int)Count("stopped_epoch"), (int)Count("best_epoch"));
        double best = CheckpointValues.Float64(context.Expect($"{Name}/best", CheckpointValues.ScalarShape, DType.Float64));
        var weights = context.Under(Weights).Select(path =>
        {
            var variable = context.Paths.VariableAt(path) ?? throw context.Mismatch($"EarlyStopping '{Name}' keeps weights of '{path}', which no object of this checkpoint has");
            return (variable, context.Expect(Weights + path, variable.shape, variable.dtype));
        }).ToList();
        return () => stopping.State = (wait, stopped, bestEpoch, double.IsNaN(best) ? null : best,
            weights.Count == 0 ? null : new Model.WeightsSnapshot(weights.Select(w => (w.variable, w.Item2.ToNative())).ToArray()));
    }
}
