using TfNotes.Keras.Initializers;

namespace TfNotes;

public sealed partial class KerasApi
{
    public InitializersApi initializers { get; } = new();
}
