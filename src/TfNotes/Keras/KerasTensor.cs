using TfNotes.Keras.Layers;

namespace TfNotes.Keras;

/// <summary>
/// A symbolic tensor of Keras' functional API: a shape (batch axis -1, printed <c>None</c>) and a dtype, no values.
/// <c>tf.keras.Input(shape: [784])</c> makes one; <c>layer.Apply(k)</c> on one gives the layer's symbolic output
/// and records the call, so <c>tf.keras.Model(inputs, outputs)</c> can replay the graph of layers on real data.
/// Only layers take symbolic tensors (tensor operators do not compile on them): wrap other computations in a layer.
/// </summary>
public sealed class KerasTensor
{
    internal KerasTensor(Shape shape, DType dtype, Layer layer, KerasTensor? input)
    {
        this.shape = shape;
        this.dtype = dtype;
        Layer = layer;
        Input = input;
    }

    /// <summary>The symbolic shape; the batch axis is −1 (Keras' <c>None</c>) unless a batch size was given.</summary>
    public Shape shape { get; }
    /// <summary>The dtype the tensor will have.</summary>
    public DType dtype { get; }
    /// <summary>The number of dimensions, batch axis included.</summary>
    public int ndim => shape.ndim;

    /// <summary>The layer whose call made this tensor (an <see cref="InputLayer"/> for an input).</summary>
    internal Layer Layer { get; }

    /// <summary>The symbolic input of that call; null for an input.</summary>
    internal KerasTensor? Input { get; }

    /// <summary>
    /// An input tensor stands for its <see cref="InputLayer"/>, so <c>tf.keras.Sequential([tf.keras.Input(shape: [784]), …])</c>
    /// ports as written.
    /// </summary>
    public static implicit operator Layer(KerasTensor input) => input.Layer is InputLayer layer ? layer
        : throw new ArgumentException($"only a tf.keras.Input can stand for a layer; this tensor is the output of layer '{input.Layer.name}'", nameof(input));

    /// <summary>Keras' repr: <c>&lt;KerasTensor shape=(None, 784), dtype=float32, sparse=False,
    /// name=input_layer&gt;</c>.</summary>
    public override string ToString() => $"<KerasTensor shape={KerasShapes.Format(shape)}, dtype={dtype}, sparse=False, name={Layer.name}>";
}
