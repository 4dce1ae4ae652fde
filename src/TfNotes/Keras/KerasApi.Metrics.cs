using TfNotes.Keras.Metrics;

namespace TfNotes;

public sealed partial class KerasApi
{
    public MetricsApi metrics { get; } = new();
}
