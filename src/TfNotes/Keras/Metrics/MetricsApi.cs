namespace TfNotes.Keras.Metrics;

/// <summary><c>tf.keras.metrics</c>.</summary>
public sealed class MetricsApi
{
    internal MetricsApi() { }

    /// <summary><c>keras.metrics.Mean</c>: the (weighted) mean of the values passed to <c>update_state</c>.</summary>
    public Mean Mean(string name = "mean") => new(name);
    /// <summary><c>keras.metrics.CategoricalAccuracy</c>: how often the argmax of the predictions matches that of the
    /// one-hot labels.</summary>
    public CategoricalAccuracy CategoricalAccuracy(string name = "categorical_accuracy") => new(name);
    /// <summary><c>keras.metrics.SparseCategoricalAccuracy</c>: how often the argmax of the predictions equals the
    /// integer label.</summary>
    public SparseCategoricalAccuracy SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") => new(name);
    /// <summary><c>keras.metrics.BinaryAccuracy</c>: how often (ŷ &gt; <paramref name="threshold"/>) matches the 0/1
    /// label.</summary>
    public BinaryAccuracy BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5) => new(name, threshold);
    /// <summary><c>keras.metrics.MeanSquaredError</c>: the mean of (y − ŷ)² over the examples.</summary>
    public MeanSquaredError MeanSquaredError(string name = "mean_squared_error") => new(name);

    /// <summary>Keras' <c>metrics.get</c> for the names <c>compile</c> takes; the metric is named as given.</summary>
    internal static Metric Get(string identifier) => identifier switch
    {
        "accuracy" or "acc" => new AccuracyByName(identifier),
        _ => KerasNames.SnakeCase(identifier) switch
        {
            "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(identifier),
            "categorical_accuracy" => new CategoricalAccuracy(identifier),
            "binary_accuracy" => new BinaryAccuracy(identifier),
            "mean_squared_error" or "mse" => new MeanSquaredError(identifier),
            _ => throw new ArgumentException($"Could not interpret metric identifier: {identifier} (TfNotes knows accuracy, sparse_categorical_accuracy, " +
                "categorical_accuracy, binary_accuracy, mean_squared_error / mse)", nameof(identifier)),
        },
    };
}
