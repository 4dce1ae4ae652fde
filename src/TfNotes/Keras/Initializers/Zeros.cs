using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>All zeros (Keras' default bias and β initializer).</summary>
public sealed class Zeros : Initializer
{
    private protected override torch.Tensor Generate(long[] shape, DType dtype) => torch.zeros(shape, dtype.ScalarType);
}
