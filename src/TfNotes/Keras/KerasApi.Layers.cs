using TfNotes.Keras.Layers;

namespace TfNotes;

public sealed partial class KerasApi
{
    public LayersApi layers { get; } = new();

    /// <summary><c>tf.keras.Sequential([...])</c>: the layers applied in order.</summary>
    public Sequential Sequential(IEnumerable<Layer>? layers = null, string? name = null) => new(layers, name);
}
