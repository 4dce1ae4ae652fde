using TfNotes.Keras.Layers;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>A model or layer: every weight (trainable or not, e.g. batch norm's moving statistics) as <c>name/path</c>, the paths of <c>save_weights</c>.</summary>
internal sealed class TrackedLayer(string name, Layer layer) : Trackable(name)
{
    internal override string Kind => "layer";

    string Prefix => $"{Name}/{layer.WeightsRoot}";

    internal override IEnumerable<(string Path, Variable Variable)> Variables => layer.NamedWeights.Select(w => ($"{Prefix}{w.Name}", w.Variable));

    internal override void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths)
    {
        if (layer.FirstUnbuilt is { } unbuilt && !Variables.Any())
            throw new InvalidOperationException($"Checkpoint: '{Name}' ({layer.GetType().Name} '{layer.name}') has no weights yet: layer '{unbuilt.name}' is not built; " +
                "apply the model to an input (or call build) before saving");
        foreach (var (path, variable) in Variables) values.Add((path, StoredTensor.Of(variable)));
    }

    /// <summary>Builds an unbuilt layer from the stored shapes, as <c>load_weights</c> does.</summary>
    internal void BuildFrom(Dictionary<string, StoredTensor> values, string index) => layer.BuildFrom(values, index, Prefix);

    internal override Action Plan(RestoreContext context)
    {
        var weights = Variables.ToList();
        var stored = context.Under(Prefix);
        var names = weights.Select(w => w.Path[Prefix.Length..]).ToList();
        var missing = names.Except(stored).ToList();
        if (missing.Count > 0)
            throw context.Mismatch($"'{Name}' has weights the file does not: {RestoreContext.Names(missing)} (the file has: {RestoreContext.Names(stored)})");
        var unexpected = stored.Except(names).ToList();
        if (unexpected.Count > 0)
            throw context.Mismatch($"the file has weights '{Name}' does not: {RestoreContext.Names(unexpected)} ('{Name}' has: {RestoreContext.Names(names)})");
        var checkedValues = weights.Select(w => (w.Variable, Value: context.Expect(w.Path, w.Variable.shape, w.Variable.dtype))).ToList();
        return () =>
        {
            foreach (var (variable, value) in checkedValues) CheckpointValues.Assign(variable, value);
        };
    }
}
