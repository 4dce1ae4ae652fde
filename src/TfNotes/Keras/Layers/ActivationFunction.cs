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

    /// <summary>The activation's name: the Keras name, or the .NET method's name for a function.</summary>
    public string name { get; }

    /// <summary>An activation from any function of a tensor; <paramref name="name"/> defaults to the method's
    /// name.</summary>
    public ActivationFunction(Func<Tensor, Tensor> function, string? name = null)
    {
        this.function = function ?? throw new ArgumentNullException(nameof(function));
        this.name = name ?? function.Method.Name;
    }

    /// <summary>Keras' <c>activations.get</c>: <c>"relu"</c>, <c>"softmax"</c>, <c>"sigmoid"</c>, <c>"tanh"</c> or
    /// <c>"linear"</c>; another name throws.</summary>
    public static ActivationFunction Get(string name) =>
        Named.TryGetValue(name, out var f) ? new ActivationFunction(f, name)
            : throw new ArgumentException($"activation: unknown activation '{name}' (known: {string.Join(", ", Named.Keys)})", nameof(name));

    /// <summary>A Keras activation name, as <see cref="Get"/>.</summary>
    public static implicit operator ActivationFunction(string name) => Get(name);
    /// <summary>Any function of a tensor as an activation.</summary>
    public static implicit operator ActivationFunction(Func<Tensor, Tensor> function) => new(function);

    /// <summary>The activation of <paramref name="x"/>.</summary>
    public Tensor Apply(Tensor x) => function(x);

    /// <summary>The activation's <see cref="name"/>.</summary>
    public override string ToString() => name;
}
