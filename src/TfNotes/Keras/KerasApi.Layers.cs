using TfNotes.Keras;
using TfNotes.Keras.Layers;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.layers</c>: the layers, with Keras 3's defaults.</summary>
    public LayersApi layers { get; } = new();

    /// <summary><c>tf.keras.Sequential([...])</c>: the layers applied in order.</summary>
    public Sequential Sequential(IEnumerable<Layer>? layers = null, string? name = null) => new(layers, name);

    /// <summary>
    /// <c>tf.keras.Input(shape)</c>: a symbolic input for examples of <paramref name="shape"/> (without the batch axis),
    /// to build a functional model from.
    /// </summary>
    public KerasTensor Input(long[] shape, int? batch_size = null, DType? dtype = null, string? name = null) =>
        new InputLayer(shape, batch_size, dtype, name).output;

    /// <summary><c>tf.keras.Model(inputs, outputs)</c>: the functional model of the layers between them.</summary>
    public Model Model(KerasTensor inputs, KerasTensor outputs, string? name = null) => new Functional(inputs, outputs, name);
}
