namespace TfNotes.Keras.Datasets;

/// <summary><c>tf.keras.datasets</c>.</summary>
public sealed class DatasetsApi
{
    internal DatasetsApi() { }

    public FashionMnist fashion_mnist { get; } = new();
}
