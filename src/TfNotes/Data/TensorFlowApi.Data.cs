namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.data</c>: <c>tf.data.Dataset.from_tensor_slices(…)</c> and its transformations.</summary>
    public Data.DataApi data { get; } = new();

    /// <summary><c>tf.TensorSpec(shape, dtype)</c>: the shape (-1 for an unknown dimension, TensorFlow's None) and dtype
    /// (float32 by default) of a component, e.g. for <c>from_generator</c>'s output_signature.</summary>
    public Data.TensorSpec TensorSpec(long[] shape, DType? dtype = null) => new(new Shape(shape), dtype ?? DType.Float32);
    /// <inheritdoc cref="TensorSpec(long[], DType?)"/>
    public Data.TensorSpec TensorSpec(Shape shape, DType? dtype = null) => new(shape, dtype ?? DType.Float32);
}
