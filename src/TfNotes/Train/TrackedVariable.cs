using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>A <c>tf.Variable</c>, e.g. a counter (<c>epoch</c>, <c>step</c>), stored under its name in the checkpoint.</summary>
internal sealed class TrackedVariable(string name, Variable variable) : Trackable(name)
{
    internal override string Kind => "variable";

    internal override IEnumerable<(string Path, Variable Variable)> Variables => [(Name, variable)];

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths) => values.Add((Name, StoredTensor.Of(variable)));

    internal override Action Plan(RestoreContext context)
    {
        var value = context.Expect(Name, variable.shape, variable.dtype);
        return () => CheckpointValues.Assign(variable, value);
    }
}
