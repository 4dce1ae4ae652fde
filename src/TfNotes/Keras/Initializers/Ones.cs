using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>All ones (Keras' default γ initializer).</summary>
public sealed class Ones : Initializer
{
    private protected override torch.Tensor Generate(long[] shape, DType dtype) => torch.ones(shape, dtype.ScalarType);
}
