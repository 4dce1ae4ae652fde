using TfNotes.Keras.Callbacks;

namespace TfNotes;

public sealed partial class KerasApi
{
    public CallbacksApi callbacks { get; } = new();
}
