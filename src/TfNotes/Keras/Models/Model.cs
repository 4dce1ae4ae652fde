using NumSharp;
using TfNotes.Keras.Layers;
using TorchSharp;

namespace TfNotes.Keras;

/// <summary>
/// <c>tf.keras.Model</c>: a layer that groups layers and trains them. Subclass it as the TF 2 quickstart does —
/// layers in fields, <c>protected override Tensor Call(Tensor x, bool training)</c> — and its layers and variables are
/// tracked with no registration (see <see cref="Layer"/>); or make a functional model with
/// <c>tf.keras.Model(inputs, outputs)</c>, or a <see cref="Sequential"/>. <c>model.Apply(x, training: true)</c> calls it;
/// <c>compile</c>, <c>fit</c>, <c>evaluate</c>, <c>predict</c>, <c>summary</c> are Keras 3's. A model's weights file
/// names weights by their path inside the model: <c>dense/kernel</c>, <c>block/dense_1/bias</c>.
/// </summary>
public abstract partial class Model : Layer
{
    /// <summary>A model named <paramref name="name"/>, or its class name in snake case.</summary>
    protected Model(string? name = null) : base(name) { }

    private protected Model(string? name, string defaultName) : base(name, defaultName) { }

    /// <summary>The layers the model holds, in the order it holds them.</summary>
    public virtual IReadOnlyList<Layer> layers => SubLayers.ToList();

    /// <summary>The layer named <paramref name="name"/> (Keras' <c>get_layer</c>).</summary>
    public Layer get_layer(string name) => layers.FirstOrDefault(l => l.name == name)
        ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: [{string.Join(", ", layers.Select(l => $"'{l.name}'"))}].", nameof(name));

    private protected override string RootPath => "";

    /// <summary>A model's layers build themselves in its first call.</summary>
    private protected override void BuildFor(Shape input_shape) => built = true;

    /// <summary>Builds the model for inputs of <paramref name="input_shape"/> by calling it once on zeros of that shape (batch -1: one row).</summary>
    public override void build(Shape input_shape)
    {
        if (!built) compute_output_shape(input_shape);
        base.build(input_shape);
    }

    /// <summary>Keras' <c>get_weights</c>: copies of <see cref="Layer.variables"/>' values, in that order.</summary>
    public List<NDArray> get_weights() => variables.Select(v => v.numpy()).ToList();

    /// <summary>Keras' <c>set_weights</c>: assigns arrays in <see cref="Layer.variables"/>' order, each of its variable's shape.</summary>
    public void set_weights(IEnumerable<NDArray> weights)
    {
        var values = weights.ToList();
        var targets = variables;
        if (values.Count != targets.Count)
            throw new ArgumentException($"set_weights: the model has {targets.Count} variables but {values.Count} arrays were given", nameof(weights));
        for (int i = 0; i < values.Count; i++)
        {
            using var value = Binding.tf.constant(values[i], dtype: targets[i].dtype);
            if (value.shape != targets[i].shape)
                throw new ArgumentException($"set_weights: variable '{targets[i].name}' has shape {targets[i].shape} but array {i} has shape {value.shape}", nameof(weights));
            targets[i].assign(value);
        }
    }

    /// <summary>The values of every variable, copied inside libtorch (for callbacks that restore them).</summary>
    internal WeightsSnapshot Snapshot() => new(variables);

    /// <summary>Copies of a model's variable values that <see cref="Restore"/> writes back.</summary>
    internal sealed class WeightsSnapshot
    {
        readonly (Variable Variable, torch.Tensor Value)[] saved;

        internal WeightsSnapshot(IEnumerable<Variable> variables)
        {
            using var noGrad = torch.no_grad();
            saved = variables.Select(v => (v, v.Native.detach().clone())).ToArray();
        }

        /// <summary>A snapshot of given values (a checkpoint's), owned by the snapshot.</summary>
        internal WeightsSnapshot((Variable Variable, torch.Tensor Value)[] values) => saved = values;

        internal IReadOnlyList<(Variable Variable, torch.Tensor Value)> Saved => saved;

        internal void Restore()
        {
            using var noGrad = torch.no_grad();
            foreach (var (variable, value) in saved) variable.Native.copy_(value);
        }
    }
}
