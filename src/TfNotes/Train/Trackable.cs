using TfNotes.Data;
using TfNotes.Keras.Layers;
using TfNotes.Keras.Optimizers;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>One named object of a <see cref="Checkpoint"/>: how its values are saved and, after checking them, restored.</summary>
internal abstract class Trackable(string name)
{
    internal string Name => name;

    /// <summary>What the index records for this object; a checkpoint restores only into an object of the same kind.</summary>
    internal abstract string Kind { get; }

    /// <summary>The variables this object holds, with their checkpoint paths (an optimizer's slots refer to them).</summary>
    internal virtual IEnumerable<(string Path, Variable Variable)> Variables => [];

    internal abstract void Save(List<(string Name, StoredTensor Value)> values, CheckpointPaths paths);

    /// <summary>Checks the stored values of this object and returns what assigns them, run once every object passed.</summary>
    internal abstract Action Plan(RestoreContext context);

    internal static Trackable For(string name, object value) => value switch
    {
        Layer layer => new TrackedLayer(name, layer),
        Optimizer optimizer => new TrackedOptimizer(name, optimizer),
        Variable variable => new TrackedVariable(name, variable),
        RandomApi random => new TrackedRandom(name, random),
        IDataset dataset => new TrackedDataset(name, dataset),
        Keras.Callbacks.EarlyStopping stopping => new TrackedEarlyStopping(name, stopping),
        _ => throw new ArgumentException($"Checkpoint: `{name}` must be a trackable object: a model or layer, an optimizer, a tf.Variable, tf.random, " +
            $"a tf.data Dataset or an EarlyStopping callback. Received: {name}={value?.GetType().Name ?? "null"}"),
    };
}

/// <summary>The checkpoint path of every variable the checkpoint's objects hold, both ways.</summary>
internal sealed class CheckpointPaths
{
    readonly Dictionary<Variable, string> pathOf = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<string, Variable> variableAt = [];

    internal CheckpointPaths(IEnumerable<Trackable> objects)
    {
        foreach (var (path, variable) in objects.SelectMany(o => o.Variables))
        {
            pathOf.TryAdd(variable, path);
            variableAt.TryAdd(path, variable);
        }
    }

    internal string? PathOf(Variable variable) => pathOf.GetValueOrDefault(variable);
    internal Variable? VariableAt(string path) => variableAt.GetValueOrDefault(path);
}

/// <summary>A checkpoint being restored: its values, and the wording of its errors.</summary>
internal sealed class RestoreContext(string method, string index, Dictionary<string, StoredTensor> values, CheckpointPaths paths)
{
    internal string Method => method;
    internal string Index => index;
    internal Dictionary<string, StoredTensor> Values => values;
    internal CheckpointPaths Paths => paths;

    /// <summary>The stored names under <paramref name="prefix"/>, in file order, without the prefix.</summary>
    internal List<string> Under(string prefix) =>
        values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList();

    internal StoredTensor Expect(string key, Shape shape, DType dtype)
    {
        if (!values.TryGetValue(key, out var stored)) throw Mismatch($"it has no value '{key}'");
        if (stored.Shape != shape)
            throw Mismatch($"'{key}' has shape {stored.Shape} in the file but {shape} here");
        if (stored.DType != dtype) throw Mismatch($"'{key}' is {stored.DType} in the file but {dtype} here");
        return stored;
    }

    internal ArgumentException Mismatch(string what) =>
        new($"{method}: the checkpoint '{index}' does not match this checkpoint's objects: {what}; nothing was restored");

    internal static string Names(IEnumerable<string> names, int max = 6)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(max).Select(n => $"'{n}'"));
        return list.Count > max ? $"{shown} and {list.Count - max} more" : shown;
    }
}
