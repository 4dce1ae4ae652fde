namespace TfNotes.Keras.Saving;

/// <summary>
/// <c>save_weights</c> / <c>load_weights</c>: named weights (<c>dense/kernel</c>, <c>batch_normalization/moving_mean</c>,
/// …) in a <see cref="SafeTensorsFile"/>. Loading checks that the file has exactly the model's names, with the same
/// shapes and dtypes, before changing any weight.
/// </summary>
internal static class WeightsFile
{
    internal static void Save(string path, IReadOnlyList<(string Name, Variable Variable)> weights)
    {
        if (weights.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new InvalidOperationException($"save_weights: two weights are named '{duplicate.Key}'; give the layers unique names");
        SafeTensorsFile.Write(path, weights.Select(w => (w.Name, (Tensor)w.Variable)).ToList());
    }

    internal static Dictionary<string, StoredTensor> Read(string path) => SafeTensorsFile.Read(path);

    /// <summary>Checks <paramref name="stored"/> against <paramref name="weights"/> (names, shapes, dtypes), then assigns all.</summary>
    internal static void Assign(string path, IReadOnlyDictionary<string, StoredTensor> stored, IReadOnlyList<(string Name, Variable Variable)> weights)
    {
        var missing = weights.Select(w => w.Name).Where(n => !stored.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"load_weights: '{path}' has no weight named {Names(missing)} (it has: {Names(stored.Keys)})", nameof(path));
        var unexpected = stored.Keys.Except(weights.Select(w => w.Name)).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"load_weights: '{path}' has weights the model does not: {Names(unexpected)} (the model has: {Names(weights.Select(w => w.Name))})", nameof(path));
        foreach (var (name, variable) in weights)
        {
            var value = stored[name];
            if (value.Shape != variable.shape)
                throw new ArgumentException($"load_weights: weight '{name}' has shape {variable.shape} in the model but {value.Shape} in '{path}'", nameof(path));
            if (value.DType != variable.dtype)
                throw new ArgumentException($"load_weights: weight '{name}' is {variable.dtype} in the model but {value.DType} in '{path}'", nameof(path));
        }
        foreach (var (name, variable) in weights)
        {
            using var value = Tensor.Wrap(stored[name].ToNative());
            variable.assign(value);
        }
    }

    static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
