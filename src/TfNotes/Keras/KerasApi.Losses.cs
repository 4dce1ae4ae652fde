using TfNotes.Keras.Losses;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.losses</c>: loss classes and functions.</summary>
    public LossesApi losses { get; } = new();
}
