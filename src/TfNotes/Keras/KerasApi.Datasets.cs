namespace TfNotes;

public sealed partial class KerasApi
{
    /// <summary><c>tf.keras.datasets</c>: the course's datasets, read from local files (downloaded once if missing).</summary>
    public Keras.Datasets.DatasetsApi datasets { get; } = new();
}
