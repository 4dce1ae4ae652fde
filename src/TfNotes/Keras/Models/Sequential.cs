using TfNotes.Keras.Layers;

namespace TfNotes.Keras;

/// <summary>
/// <c>tf.keras.Sequential</c>: a stack of layers applied in order, on the functional machinery. With an input shape
/// (an <see cref="InputLayer"/> or <c>tf.keras.Input(…)</c> first) every layer is built and shape-checked as it is
/// added; otherwise on the first call, from the input's shape. Layer names are unique within the model
/// (<c>dense</c>, <c>dense_1</c>, …), so its weights save as <c>dense/kernel</c>, <c>dense_1/kernel</c>, ….
/// </summary>
public class Sequential : Model
{
    readonly List<Layer> stack = [];
    readonly HashSet<string> names = [];
    KerasTensor? symbolicOutput;

    /// <summary><c>keras.Sequential(layers, name)</c>: a model of <paramref name="layers"/> in order, added as <see
    /// cref="add"/> does.</summary>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name, "sequential")
    {
        foreach (var layer in layers ?? []) add(layer);
    }

    /// <summary>The layers, without the input layer (as Keras).</summary>
    public override IReadOnlyList<Layer> layers => stack.Where(l => l is not InputLayer).ToList();

    /// <summary>Keras' <c>add</c>: appends a layer (an <see cref="T:TfNotes.Keras.Layers.InputLayer"/> only first);
    /// with an input shape known, the layer is built and shape-checked now.</summary>
    public void add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (stack.Contains(layer)) throw new ArgumentException($"Sequential '{name}': layer '{layer.name}' was already added", nameof(layer));
        if (layer is InputLayer input)
        {
            if (stack.Count > 0)
                throw new ArgumentException($"Sequential '{name}': an InputLayer must be the model's first layer; '{layer.name}' was added after {stack.Count} layers", nameof(layer));
            symbolicOutput = input.output;
        }
        else if (symbolicOutput is not null) symbolicOutput = layer.Apply(symbolicOutput);
        layer.TakeUniqueName(names, $"Sequential '{name}'");
        stack.Add(layer);
        Retrack();
        if (symbolicOutput is not null) built = true;
    }

    /// <summary>The model's symbolic input, once it has an input shape.</summary>
    public KerasTensor? input => (stack.FirstOrDefault() as InputLayer)?.output;

    private protected override void BuildFor(Shape input_shape)
    {
        if (stack.Count == 0) throw new InvalidOperationException($"Sequential '{name}' has no layers; add some first");
        if (symbolicOutput is null)
        {
            var x = new InputLayer(input_shape.dims[1..].Select(d => d < 0 ? 1 : d).ToArray(), name: "input_layer").output;
            var batchShaped = new KerasTensor(input_shape, x.dtype, x.Layer, null);
            foreach (var layer in stack) batchShaped = layer.Apply(batchShaped);
            symbolicOutput = batchShaped;
        }
        built = true;
    }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        if (!built) BuildFor(input_shape);
        return stack.Aggregate(input_shape, (shape, layer) => layer.compute_output_shape(shape));
    }

    /// <summary>Applies the layers in order; <paramref name="training"/> is passed to each.</summary>
    protected override Tensor Call(Tensor x, bool training)
    {
        foreach (var layer in stack) x = layer.Apply(x, training);
        return x;
    }
}
