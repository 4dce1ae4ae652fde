using TfNotes.Keras.Initializers;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.initializers</c>: weight initializers.</summary>
    public InitializersApi initializers { get; } = new();
}
