using static TfNotes.Binding;

namespace TfNotes.Keras.Layers;

/// <summary>
/// A layer's activation: a Keras name (<c>"relu"</c>, <c>"softmax"</c>, <c>"sigmoid"</c>, <c>"tanh"</c>,
/// <c>"linear"</c>) or any function, e.g. <c>activation: "relu"</c> or
/// <c>activation: new ActivationFunction(tf.nn.relu)</c>. Strings and <c>Func&lt;Tensor, Tensor&gt;</c> convert implicitly.
/// </summary>
public sealed class ActivationFunction
{
    static readonly Dictionary<string, Func<Tensor, Tensor>> Named = new()
    {
        ["relu"] = x => tf.nn.relu(x),
        ["softmax"] = x => tf.nn.softmax(x),
        ["sigmoid"] = x => tf.nn.sigmoid(x),
        ["tanh"] = x => tf.nn.tanh(x),
        ["linear"] = x => x,
    };

    readonly Func<Tensor, Tensor> function;

    public string name { get; }

    public ActivationFunction(Func<Tensor, Tensor> function, string? name = null)
    {
        this.function = function ?? throw new ArgumentNullException(nameof(function));
        this.name = name ?? function.Method.Name;
    }

    public static ActivationFunction Get(string name) =>
        Named.TryGetValue(name, out var f) ? new ActivationFunction(f, name)
            : throw new ArgumentException($"activation: unknown activation '{name}' (known: {string.Join(", ", Named.Keys)})", nameof(name));

    public static implicit operator ActivationFunction(string name) => Get(name);
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> function) => new(function);

    public Tensor Apply(Tensor x) => function(x);

    public override string ToString() => name;
}
