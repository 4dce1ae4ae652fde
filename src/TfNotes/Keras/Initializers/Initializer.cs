using TorchSharp;

namespace TfNotes.Keras.Initializers;

/// <summary>
/// Makes the initial value of a weight, as <c>keras.initializers.Initializer</c>: <c>initializer.Apply(shape)</c>
/// is Keras' <c>initializer(shape)</c>. float32 unless a dtype is given.
/// </summary>
public abstract class Initializer
{
    public Tensor Apply(Shape shape, DType? dtype = null)
    {
        if (shape.dims.Any(d => d < 0))
            throw new ArgumentException($"{GetType().Name}: shape {shape} has a negative dimension", nameof(shape));
        return Tensor.Wrap(Generate(shape.dims, dtype ?? DType.Float32));
    }

    /// <summary>A new libtorch tensor of <paramref name="shape"/>, owned by the caller.</summary>
    private protected abstract torch.Tensor Generate(long[] shape, DType dtype);
}
