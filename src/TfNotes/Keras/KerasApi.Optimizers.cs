using TfNotes.Keras.Optimizers;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.optimizers</c>: optimizers and learning-rate schedules.</summary>
    public OptimizersApi optimizers { get; } = new();
}
