namespace TfNotes.Keras.Datasets;

/// <summary><c>tf.keras.datasets</c>.</summary>
public sealed class DatasetsApi
{
    internal DatasetsApi() { }

    /// <summary><c>tf.keras.datasets.fashion_mnist</c>: <c>load_data()</c> finds, or downloads, the four files.</summary>
    public FashionMnist fashion_mnist { get; } = new();
}
