using System.Reflection;
using TfNotes.Keras.Initializers;
using TfNotes.Keras.Saving;
using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>
/// A Keras layer, as <c>keras.Layer</c>. <c>layer.Apply(x, training)</c> is Keras' <c>layer(x, training=…)</c>: on
/// the first call it runs <see cref="build"/> with the input's shape, then <see cref="Call"/>. Subclasses override
/// <see cref="build"/> (create weights with <see cref="add_weight"/>) and <see cref="Call"/>; layers and variables
/// they hold in fields or auto-properties (also in arrays, lists and dictionaries) are tracked automatically, as
/// Keras' attribute tracking: their weights appear in <see cref="variables"/>, <see cref="trainable_variables"/>,
/// … and in the weights file, with no registration.
/// <para>Weights are <see cref="Variable"/>s, which steps never free, and a layer keeps no other tensor, so it can
/// be applied for any number of steps. A weight is saved under its path, e.g. <c>dense/kernel</c> or
/// <c>block/dense/kernel</c> (Keras 3's variable path). Inputs of a floating dtype are cast to the layer's dtype
/// (float32), as Keras' autocast; layers that compute (<see cref="CastsIntegerInputs"/>) cast integer inputs too,
/// so <c>Dense</c> takes uint8 pixels as Keras 3's promoting matmul does. A layer without a name gets its class
/// name in snake case (<c>MyBlock</c> → <c>my_block</c>); inside a model a clashing default name becomes
/// <c>dense_1</c>, <c>dense_2</c>, … (Keras numbers per session, TfNotes per model).</para>
/// </summary>
public abstract class Layer
{
    readonly List<Variable> ownWeights = [];
    readonly bool nameGiven;
    List<object>? trackedWhenBuilt;
    bool isTrainable = true;

    /// <summary>A layer named <paramref name="name"/>, or <paramref name="defaultName"/>, or its class name in snake
    /// case.</summary>
    protected Layer(string? name = null, string? defaultName = null)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException($"layer name must be non-empty and contain no '/', got '{name}'", nameof(name));
        this.name = name ?? defaultName ?? KerasNames.SnakeCase(GetType().Name);
        nameGiven = name is not null;
    }

    /// <summary>The layer's name (unique within a model).</summary>
    public string name { get; private set; }
    /// <summary>Whether <see cref="build"/> has run (the weights exist).</summary>
    public bool built { get; protected set; }

    /// <summary>The layer's compute and variable dtype (Keras' default policy, float32).</summary>
    public DType dtype => DType.Float32;

    /// <summary>
    /// Keras 3's switch: setting it sets every sublayer's. A frozen layer's weights are non-trainable (so
    /// <c>fit</c> leaves them alone), and <see cref="BatchNormalization"/> then runs in inference mode.
    /// </summary>
    public bool trainable
    {
        get => isTrainable;
        set
        {
            isTrainable = value;
            foreach (var layer in SubLayers) layer.trainable = value;
        }
    }

    /// <summary>Keras 3's order: own trainable weights, own non-trainable weights, then each sublayer's, without repeats.</summary>
    public IReadOnlyList<Variable> variables => Distinct(OwnTrainable.Concat(OwnNonTrainable).Concat(SubLayers.SelectMany(l => l.variables)));
    /// <summary>Keras' alias of <see cref="variables"/>.</summary>
    public IReadOnlyList<Variable> weights => variables;

    /// <summary>The weights an optimizer updates: none when the layer is frozen.</summary>
    public IReadOnlyList<Variable> trainable_variables =>
        trainable ? Distinct(OwnTrainable.Concat(SubLayers.SelectMany(l => l.trainable_variables))) : [];
    /// <summary>Keras' alias of <see cref="trainable_variables"/>.</summary>
    public IReadOnlyList<Variable> trainable_weights => trainable_variables;

    /// <summary>The weights an optimizer does not update (BatchNormalization's moving statistics); every weight when
    /// the layer is frozen.</summary>
    public IReadOnlyList<Variable> non_trainable_variables =>
        trainable ? Distinct(OwnNonTrainable.Concat(SubLayers.SelectMany(l => l.non_trainable_variables))) : variables;
    /// <summary>Keras' alias of <see cref="non_trainable_variables"/>.</summary>
    public IReadOnlyList<Variable> non_trainable_weights => non_trainable_variables;

    /// <summary>The number of values in the weights.</summary>
    public long count_params() => variables.Sum(v => v.shape.size);

    /// <summary>The output shape of the first call (batch axis -1 on a symbolic input), for <c>summary()</c>; null before.</summary>
    internal Shape? OutputShape { get; private protected set; }

    /// <summary>The layer's output for <paramref name="x"/>; <paramref name="training"/> selects training behaviour (dropout, batch statistics).</summary>
    public Tensor Apply(Tensor x, bool training = false)
    {
        x = CastInput(x);
        if (!built) BuildFor(x.shape);
        var y = Call(x, training);
        OutputShape ??= y.shape;
        return y;
    }

    /// <summary>
    /// The layer on a symbolic input (<c>tf.keras.Input</c> or another layer's symbolic output): builds the layer
    /// and computes its output shape without data, as Keras' functional API. A layer that cannot take the input
    /// fails here, naming both layers and the shape.
    /// </summary>
    public KerasTensor Apply(KerasTensor x)
    {
        Shape output;
        try
        {
            if (!built) BuildFor(x.shape);
            output = compute_output_shape(x.shape);
        }
        catch (ArgumentException e)
        {
            throw new InvalidArgumentError($"{e.Message} (layer '{name}' ({GetType().Name}) was applied to the output of layer " +
                $"'{x.Layer.name}' ({x.Layer.GetType().Name}), shape {KerasShapes.Format(x.shape)})", e);
        }
        OutputShape ??= output;
        return new KerasTensor(output, CastsIntegerInputs || x.dtype.is_floating ? dtype : x.dtype, this, x);
    }

    /// <summary>
    /// Creates the weights for inputs of <paramref name="input_shape"/> (the batch axis may be -1: unknown). The
    /// override point, as Keras' <c>build</c>: <see cref="Apply(Tensor, bool)"/> calls it once, before the first
    /// <see cref="Call"/>. Overrides end with <c>base.build(input_shape)</c>, which marks the layer built (Keras 3
    /// does this itself after any build).
    /// </summary>
    public virtual void build(Shape input_shape) => built = true;

    /// <summary>The layer's computation, Keras' <c>call(inputs, training)</c>; the input already has the layer's dtype.</summary>
    protected abstract Tensor Call(Tensor x, bool training);

    /// <summary>
    /// The output shape for <paramref name="input_shape"/> (batch axis -1 for unknown), checking the input as
    /// <see cref="Call"/> would. By default the layer is run on zeros of that shape (batch 1), as Keras' torch
    /// backend does when a layer does not say.
    /// </summary>
    public virtual Shape compute_output_shape(Shape input_shape)
    {
        using var step = StepScope.Begin();
        using var noGrad = torch.no_grad();
        var zeros = Binding.tf.zeros(new Shape(input_shape.dims.Select(d => d < 0 ? 1 : d).ToArray()), dtype);
        var output = Call(zeros, training: false).shape.dims;
        if (input_shape.ndim > 0 && input_shape[0] < 0 && output.Length > 0) output[0] = -1;
        return new Shape(output);
    }

    /// <summary>Whether integer and bool inputs are cast to <see cref="dtype"/> (layers that compute do; Flatten, Reshape keep them).</summary>
    protected virtual bool CastsIntegerInputs => true;

    Tensor CastInput(Tensor x)
    {
        var type = x.dtype;
        if (type == dtype || (!type.is_floating && !CastsIntegerInputs)) return x;
        return Ops.Cast(x, dtype);
    }

    /// <summary>
    /// Runs <see cref="build"/> once and marks the layer built, whether or not the override called <c>base.build</c>.
    /// What build makes belongs to no step: it lives with the layer, as under TF's <c>init_scope</c>.
    /// </summary>
    private protected virtual void BuildFor(Shape input_shape)
    {
        using (StepScope.NoStep()) build(input_shape);
        built = true;
    }

    /// <summary>
    /// A new weight, as Keras' <c>add_weight</c>: of <paramref name="shape"/> (default a scalar), initialised by
    /// <paramref name="initializer"/> (default glorot_uniform, Keras' default for float weights), saved as
    /// <c>{layer path}/{name}</c>.
    /// </summary>
    public Variable add_weight(string? name = null, Shape? shape = null, Initializer? initializer = null, bool trainable = true, DType? dtype = null)
    {
        using var initial = (initializer ?? new GlorotUniform()).Apply(shape ?? new Shape(Array.Empty<long>()), dtype ?? this.dtype);
        var weight = Variable.Create(initial, trainable, name ?? "variable", null);
        ownWeights.Add(weight);
        return weight;
    }

    IEnumerable<Variable> OwnVariables => TrackedVariables.Concat(ownWeights);
    IEnumerable<Variable> OwnTrainable => OwnVariables.Where(v => v.trainable);
    IEnumerable<Variable> OwnNonTrainable => OwnVariables.Where(v => !v.trainable);

    static List<Variable> Distinct(IEnumerable<Variable> variables) => variables.Distinct(ReferenceEqualityComparer.Instance).Cast<Variable>().ToList();

    /// <summary>The layers this one holds in its fields (Keras' <c>_layers</c>), in declaration order.</summary>
    internal IEnumerable<Layer> SubLayers => Tracked().OfType<Layer>();
    IEnumerable<Variable> TrackedVariables => Tracked().OfType<Variable>();

    /// <summary>What the fields hold, found again until the layer is built (fields may be set in build), then kept.</summary>
    List<object> Tracked()
    {
        if (trackedWhenBuilt is not null) return trackedWhenBuilt;
        var found = Tracking.Find(this);
        var taken = new HashSet<string>();
        foreach (var layer in found.OfType<Layer>()) layer.TakeUniqueName(taken, $"{GetType().Name} '{name}'");
        if (built) trackedWhenBuilt = found;
        return found;
    }

    /// <summary>Forgets what was tracked (a layer was added to a built model).</summary>
    private protected void Retrack() => trackedWhenBuilt = null;

    /// <summary>The prefix of this layer's own weight names when it is the root of a weights file: <c>dense/</c>; a model's is empty.</summary>
    private protected virtual string RootPath => name + "/";

    /// <summary><see cref="RootPath"/>, for the checkpoint files.</summary>
    internal string WeightsRoot => RootPath;

    /// <summary>Every weight with its path under <paramref name="prefix"/>, each variable once.</summary>
    internal IEnumerable<(string Name, Variable Variable)> WeightPaths(string prefix)
    {
        var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        foreach (var entry in AllPaths(prefix))
            if (seen.Add(entry.Variable)) yield return entry;
    }

    IEnumerable<(string Name, Variable Variable)> AllPaths(string prefix)
    {
        foreach (var v in OwnVariables) yield return (prefix + v.name, v);
        foreach (var layer in SubLayers)
            foreach (var entry in layer.AllPaths($"{prefix}{layer.name}/")) yield return entry;
    }

    /// <summary>The weights with the names they are saved under.</summary>
    internal IReadOnlyList<(string Name, Variable Variable)> NamedWeights => WeightPaths(RootPath).ToList();

    /// <summary>
    /// An input shape whose <see cref="build"/> makes weights of <paramref name="weightShapes"/> (by weight name), so
    /// <c>load_weights</c> can build an unbuilt layer. Layers with weights override it; null: the layer cannot tell.
    /// </summary>
    protected virtual Shape? InputShapeFor(IReadOnlyDictionary<string, Shape> weightShapes) => null;

    /// <summary>Builds the unbuilt layers below <paramref name="prefix"/> from the shapes of their weights in <paramref name="stored"/>.</summary>
    internal void BuildFrom(IReadOnlyDictionary<string, StoredTensor> stored, string path, string prefix)
    {
        var subLayers = SubLayers.ToList();
        if (!built && subLayers.Count == 0 && this is not Model && !OwnVariables.Any())
        {
            var shapes = stored.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && !e.Key[prefix.Length..].Contains('/'))
                .ToDictionary(e => e.Key[prefix.Length..], e => e.Value.Shape);
            bool buildsFromWeights = GetType().GetMethod(nameof(InputShapeFor), BindingFlags.Instance | BindingFlags.NonPublic)!.DeclaringType != typeof(Layer);
            if (shapes.Count == 0 && buildsFromWeights)
                throw new ArgumentException($"load_weights: cannot build layer '{name}' from '{path}': the file has no weights named " +
                    $"'{prefix}…' (it has: {string.Join(", ", stored.Keys)})", nameof(path));
            if (shapes.Count > 0)
            {
                var inputShape = InputShapeFor(shapes) ?? throw new NotSupportedException(
                    $"load_weights: layer '{name}' ({GetType().Name}) cannot be built from saved weights; apply it to an input first");
                BuildFor(inputShape);
            }
        }
        foreach (var layer in subLayers) layer.BuildFrom(stored, path, $"{prefix}{layer.name}/");
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
        if (Unbuilt() is { } unbuilt)
            throw new InvalidOperationException($"save_weights: layer '{unbuilt.name}'{(unbuilt == this ? "" : $" of {GetType().Name} '{name}'")} " +
                "has no weights yet; apply it to an input (or call build) first");
        WeightsFile.Save(path, NamedWeights);
    }

    /// <summary>This layer or the first sublayer that is not built, for the checkpoint files.</summary>
    internal Layer? FirstUnbuilt => Unbuilt();

    /// <summary>This layer or the first sublayer that is not built (a model is built when its sublayers are).</summary>
    Layer? Unbuilt()
    {
        var subLayers = SubLayers.ToList();
        if (subLayers.Count == 0) return built || OwnVariables.Any() ? null : this;
        return subLayers.Select(l => l.Unbuilt()).FirstOrDefault(l => l is not null);
    }

    /// <summary>Reads weights written by <see cref="save_weights"/>; unbuilt layers are built from the file's shapes.</summary>
    public void load_weights(string path)
    {
        var stored = WeightsFile.Read(path);
        BuildFrom(stored, path, RootPath);
        WeightsFile.Assign(path, stored, NamedWeights);
    }

    /// <summary>Names the layer and the shapes in its errors: <c>expected axis -1 of input shape to have value 4</c>.</summary>
    protected InvalidArgumentError Incompatible(Shape input, int axis, long expected) =>
        new($"Input 0 of layer '{name}' is incompatible with the layer: expected axis {axis} of input shape to have value {expected}, " +
            $"but received input with shape {KerasShapes.Format(input)}");

    /// <summary>Keras' rank check: <c>expected ndim=4, found ndim=2. Full shape received: (None, 64)</c>.</summary>
    protected void RequireRank(Shape input, int ndim, bool atLeast = false)
    {
        if (atLeast ? input.ndim >= ndim : input.ndim == ndim) return;
        throw new InvalidArgumentError($"Input 0 of layer '{name}' is incompatible with the layer: expected {(atLeast ? "min_ndim" : "ndim")}={ndim}, " +
            $"found ndim={input.ndim}. Full shape received: {KerasShapes.Format(input)}");
    }

    /// <summary><c>&lt;Dense name=dense, built=True&gt;</c> with this layer's class, name and state.</summary>
    public override string ToString() => $"<{GetType().Name} name={name}, built={built}>";
}
