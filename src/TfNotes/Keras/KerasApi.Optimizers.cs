using TfNotes.Keras.Optimizers;

namespace TfNotes;

public sealed partial class KerasApi
{
    public OptimizersApi optimizers { get; } = new();
}
