using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>All ones (Keras' default γ initializer).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    protected override Tensor Call(Shape shape, DType dtype) => Tensor.Wrap(torch.ones(shape.dims, dtype.ScalarType));
}
