using TfNotes.Keras.Metrics;

namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.metrics</c>: metric classes.</summary>
    public MetricsApi metrics { get; } = new();
}
