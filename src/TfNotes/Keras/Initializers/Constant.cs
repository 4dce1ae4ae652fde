using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary><c>keras.initializers.Constant</c>: every value is <c>value</c>.</summary>
public sealed class Constant(double value = 0.0) : Initializer
{
    /// <summary>The value every element gets (Keras' default 0).</summary>
    public double value { get; } = value;

    /// <inheritdoc/>
    protected override Tensor Call(Shape shape, DType dtype)
    {
        using Scalar fill = value; // rooted for the native call: see Ops.WithScalar
        return Tensor.Wrap(torch.full(shape.dims, fill, dtype.ScalarType));
    }
}
