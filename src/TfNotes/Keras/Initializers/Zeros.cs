using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>All zeros (Keras' default bias and β initializer).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    protected override Tensor Call(Shape shape, DType dtype) => Tensor.Wrap(torch.zeros(shape.dims, dtype.ScalarType));
}
