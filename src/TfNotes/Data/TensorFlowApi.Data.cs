namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.data</c>: <c>tf.data.Dataset.from_tensor_slices(…)</c> and its transformations.</summary>
    public Data.DataApi data { get; } = new();
}
