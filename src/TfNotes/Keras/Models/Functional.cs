using TfNotes.Keras.Layers;

namespace TfNotes.Keras;

/// <summary>
/// A functional model, <c>tf.keras.Model(inputs, outputs)</c>: the layers recorded on the way from the symbolic
/// inputs to the outputs, replayed in that order on real data. Every layer was
/// built and shape-checked when it was applied to its symbolic input. <see cref="Model.layers"/> starts with the
/// input layer, as Keras'. One input and one output (layers taking several inputs are not in TfNotes yet).
/// </summary>
public sealed class Functional : Model
{
    readonly List<Layer> operations;
    readonly List<(Layer Layer, KerasTensor Output)> nodes = [];

    internal Functional(KerasTensor inputs, KerasTensor outputs, string? name) : base(name, "functional")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Layer is not InputLayer)
            throw new ArgumentException($"Model: `inputs` must be a tf.keras.Input(…); this tensor is the output of layer '{inputs.Layer.name}'", nameof(inputs));
        for (var t = outputs; t != inputs; t = t.Input!)
        {
            if (t.Input is null)
                throw new ArgumentException($"Model: `outputs` do not come from `inputs`: following them back reaches the input layer '{t.Layer.name}', " +
                    $"not '{inputs.Layer.name}'", nameof(outputs));
            nodes.Add((t.Layer, t));
        }
        nodes.Reverse();
        operations = [inputs.Layer, .. nodes.Select(n => n.Layer).Distinct()];
        input = inputs;
        output = outputs;
        built = true;
    }

    /// <summary>The model's symbolic input (the <c>tf.keras.Input</c> it was made from).</summary>
    public KerasTensor input { get; }
    /// <summary>The model's symbolic output.</summary>
    public KerasTensor output { get; }

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape) => nodes.Aggregate(input_shape, (shape, node) => node.Layer.compute_output_shape(shape));

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        x = input.Layer.Apply(x, training);
        foreach (var (layer, _) in nodes) x = layer.Apply(x, training);
        return x;
    }
}
