using TfNotes.Keras.Callbacks;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.callbacks</c>: EarlyStopping, ModelCheckpoint, History and the other training
    /// callbacks.</summary>
    public CallbacksApi callbacks { get; } = new();
}
