using TfNotes.Data;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// A tf.data pipeline's position between passes: how many passes each reshuffling <c>shuffle</c> in it has started
/// (<c>name/passes/&lt;i&gt;</c>), so the next pass after a restore shuffles as it would have without the interruption.
/// TensorFlow checkpoints an iterator for this; here a dataset is tracked and restored between passes.
/// </summary>
internal sealed class TrackedDataset(string name, IDataset dataset) : Trackable(name)
{
    internal override string Kind => "dataset";

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths)
    {
        var counters = PassCounters.Of(dataset);
        for (int i = 0; i < counters.Count; i++) values.Add(($"{Name}/passes/{i}", CheckpointValues.Scalar(counters[i].Passes)));
    }

    internal override Action Plan(RestoreContext context)
    {
        var counters = PassCounters.Of(dataset);
        int stored = context.Under($"{Name}/passes/").Count;
        if (stored != counters.Count)
            throw context.Mismatch($"'{Name}' has {counters.Count} shuffle(s) but the file holds the positions of {stored}");
        var passes = Enumerable.Range(0, counters.Count).Select(i => CheckpointValues.Int64(context.Expect($"{Name}/passes/{i}", CheckpointValues.ScalarShape, DType.Int64))).ToList();
        return () =>
        {
            for (int i = 0; i < counters.Count; i++) counters[i].Passes = passes[i];
        };
    }
}
