using TfNotes.Keras.Initializers;
using TfNotes.Keras.Saving;

namespace TfNotes.Keras.Layers;

/// <summary>
/// A Keras layer. <c>layer.Apply(x, training)</c> builds the weights on the first call from the input's shape, then
/// computes the layer. Weights are <see cref="Variable"/>s, which steps never free, and a layer keeps no other
/// tensor, so a layer can be applied for any number of steps. A weight is saved as <c>{layer name}/{weight name}</c>,
/// e.g. <c>dense/kernel</c> (Keras 3's variable path).
/// </summary>
public abstract class Layer
{
    readonly List<Variable> weights = [];
    readonly bool nameGiven;

    protected Layer(string? name, string defaultName)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException($"layer name must be non-empty and contain no '/', got '{name}'", nameof(name));
        this.name = name ?? defaultName;
        nameGiven = name is not null;
    }

    public string name { get; private set; }
    public bool built { get; private set; }

    /// <summary>All weights, in creation order.</summary>
    public IReadOnlyList<Variable> variables => weights;
    public IReadOnlyList<Variable> trainable_variables => weights.Where(w => w.trainable).ToList();
    public IReadOnlyList<Variable> non_trainable_variables => weights.Where(w => !w.trainable).ToList();

    /// <summary>The layer's output for <paramref name="x"/>; <paramref name="training"/> selects batch statistics where it matters.</summary>
    public Tensor Apply(Tensor x, bool training = false)
    {
        if (!built)
            using (StepScope.NoStep()) build(x.shape); // what build makes lives with the layer, as TF's init_scope
        return Call(x, training);
    }

    /// <summary>Creates the weights for inputs of <paramref name="input_shape"/> (a no-op once built).</summary>
    public void build(Shape input_shape)
    {
        if (built) return;
        Build(input_shape);
        built = true;
    }

    protected abstract void Build(Shape input_shape);
    protected abstract Tensor Call(Tensor x, bool training);

    /// <summary>
    /// An input shape whose <see cref="Build"/> makes weights of <paramref name="weightShapes"/> (by weight name), so
    /// <c>load_weights</c> can build an unbuilt layer; layers that cannot tell say so.
    /// </summary>
    protected virtual Shape InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes) =>
        throw new NotSupportedException($"load_weights: layer '{name}' ({GetType().Name}) cannot be built from saved weights; apply it to an input first");

    protected Variable AddWeight(string weightName, Shape shape, Initializer initializer, bool trainable)
    {
        using var initial = initializer.Apply(shape);
        var weight = Variable.Create(initial, trainable, weightName, null);
        weights.Add(weight);
        return weight;
    }

    /// <summary>The weights with the names they are saved under.</summary>
    internal IEnumerable<(string Name, Variable Variable)> NamedWeights => weights.Select(w => ($"{name}/{w.name}", w));

    /// <summary>The weight shapes of this layer in <paramref name="stored"/>, by weight name.</summary>
    Dictionary<string, Shape> StoredShapes(IReadOnlyDictionary<string, StoredTensor> stored) =>
        stored.Where(e => e.Key.StartsWith(name + "/", StringComparison.Ordinal))
              .ToDictionary(e => e.Key[(name.Length + 1)..], e => e.Value.Shape);

    /// <summary>Builds an unbuilt layer from the shapes of its weights in <paramref name="stored"/>.</summary>
    internal void BuildFrom(IReadOnlyDictionary<string, StoredTensor> stored, string path)
    {
        if (built) return;
        var shapes = StoredShapes(stored);
        if (shapes.Count == 0)
            throw new ArgumentException($"load_weights: cannot build layer '{name}' from '{path}': the file has no weights named " +
                $"'{name}/…' (it has: {string.Join(", ", stored.Keys)})", nameof(path));
        build(InputShapeFor(shapes));
    }

    /// <summary>
    /// Keras' naming inside a model: a layer without a given name is renamed <c>dense_1</c>, <c>dense_2</c>, … when its
    /// name is taken; a given name that is taken is an error.
    /// </summary>
    internal void TakeUniqueName(ISet<string> taken, string model)
    {
        if (taken.Contains(name))
        {
            if (nameGiven)
                throw new ArgumentException($"{model}: two layers are named '{name}'; layer names must be unique within a model", nameof(name));
            var baseName = name;
            int k = 1;
            while (taken.Contains($"{baseName}_{k}")) k++;
            name = $"{baseName}_{k}";
        }
        taken.Add(name);
    }

    /// <summary>Writes the weights to a safetensors file (see <see cref="WeightsFile"/>); the layer must be built.</summary>
    public void save_weights(string path)
    {
        if (!built)
            throw new InvalidOperationException($"save_weights: layer '{name}' has no weights yet; apply it to an input (or call build) first");
        WeightsFile.Save(path, NamedWeights.ToList());
    }

    /// <summary>Reads weights written by <see cref="save_weights"/>; an unbuilt layer is built from the file's shapes.</summary>
    public void load_weights(string path)
    {
        var stored = WeightsFile.Read(path);
        BuildFrom(stored, path);
        WeightsFile.Assign(path, stored, NamedWeights.ToList());
    }

    /// <summary>Names the layer and the shapes in its errors: <c>expected axis -1 of input shape to have value 4</c>.</summary>
    protected InvalidArgumentError Incompatible(Shape input, int axis, long expected) =>
        new($"Input 0 of layer '{name}' is incompatible with the layer: expected axis {axis} of input shape to have value {expected}, " +
            $"but received input with shape {input}");

    /// <summary>Float inputs are cast to the layer's float32 (Keras' autocast); other dtypes are an error.</summary>
    protected Tensor AsFloat32(Tensor x)
    {
        if (x.dtype == DType.Float32) return x;
        if (x.dtype.is_floating) return Ops.Cast(x, DType.Float32);
        throw new InvalidArgumentError($"Input 0 of layer '{name}' must be floating-point, got {x.dtype} with shape {x.shape}; " +
            "cast it first, e.g. tf.cast(x, tf.float32)");
    }

    public override string ToString() => $"<{GetType().Name} name={name}, built={built}>";
}
