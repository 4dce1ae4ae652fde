namespace TfNotes.Keras.Metrics;

/// <summary><c>tf.keras.metrics</c>.</summary>
public sealed class MetricsApi
{
    internal MetricsApi() { }

    public Mean Mean(string name = "mean") => new(name);
    public CategoricalAccuracy CategoricalAccuracy(string name = "categorical_accuracy") => new(name);
    public SparseCategoricalAccuracy SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") => new(name);
}
