using TfNotes.Keras.Saving;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.Sequential</c>, minimal: a stack of layers applied in order (no <c>fit</c>). Layer names are unique
/// within the model (<c>dense</c>, <c>dense_1</c>, …), so its weights save as <c>dense/kernel</c>, <c>dense_1/kernel</c>, ….
/// </summary>
public sealed class Sequential
{
    readonly List<Layer> stack = [];
    readonly HashSet<string> names = [];

    public string name { get; }

    public Sequential(IEnumerable<Layer>? layers = null, string? name = null)
    {
        this.name = name ?? "sequential";
        foreach (var layer in layers ?? []) add(layer);
    }

    public IReadOnlyList<Layer> layers => stack;
    public IReadOnlyList<Variable> variables => stack.SelectMany(l => l.variables).ToList();
    public IReadOnlyList<Variable> trainable_variables => stack.SelectMany(l => l.trainable_variables).ToList();
    public IReadOnlyList<Variable> non_trainable_variables => stack.SelectMany(l => l.non_trainable_variables).ToList();

    public void add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (stack.Contains(layer)) throw new ArgumentException($"Sequential '{name}': layer '{layer.name}' was already added", nameof(layer));
        layer.TakeUniqueName(names, $"Sequential '{name}'");
        stack.Add(layer);
    }

    /// <summary>Applies the layers in order; <paramref name="training"/> is passed to each.</summary>
    public Tensor Apply(Tensor x, bool training = false)
    {
        if (stack.Count == 0) throw new InvalidOperationException($"Sequential '{name}' has no layers; add some first");
        foreach (var layer in stack) x = layer.Apply(x, training);
        return x;
    }

    /// <summary>Writes every layer's weights to one safetensors file (see <see cref="WeightsFile"/>); all layers must be built.</summary>
    public void save_weights(string path)
    {
        if (stack.FirstOrDefault(l => !l.built) is { } unbuilt)
            throw new InvalidOperationException($"save_weights: layer '{unbuilt.name}' of Sequential '{name}' has no weights yet; apply the model to an input first");
        WeightsFile.Save(path, stack.SelectMany(l => l.NamedWeights).ToList());
    }

    /// <summary>Reads weights written by <see cref="save_weights"/>; unbuilt layers are built from the file's shapes.</summary>
    public void load_weights(string path)
    {
        var stored = WeightsFile.Read(path);
        foreach (var layer in stack) layer.BuildFrom(stored, path);
        WeightsFile.Assign(path, stored, stack.SelectMany(l => l.NamedWeights).ToList());
    }
}
