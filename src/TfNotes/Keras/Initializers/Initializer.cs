namespace TfNotes.Keras.Initializers;

/// <summary>
/// Makes the initial value of a weight, as <c>keras.initializers.Initializer</c>: <c>initializer.Apply(shape)</c>
/// is Keras' <c>initializer(shape)</c>, float32 unless a dtype is given. Subclass it and override <see cref="Call"/>
/// (Keras' <c>__call__(shape, dtype)</c>) for an initializer of your own; the result is checked to have the shape
/// and is cast to the dtype. Keras names convert implicitly: <c>kernel_initializer: "he_normal"</c>.
/// </summary>
public abstract class Initializer
{
    /// <summary>Keras' <c>initializer(shape, dtype)</c>: a new tensor of <paramref name="shape"/> in <paramref
    /// name="dtype"/> (float32 by default).</summary>
    public Tensor Apply(Shape shape, DType? dtype = null)
    {
        if (shape.dims.Any(d => d < 0))
            throw new ArgumentException($"{GetType().Name}: shape {shape} has a negative dimension", nameof(shape));
        var type = dtype ?? DType.Float32;
        var value = Call(shape, type);
        if (value.shape != shape)
            throw new InvalidOperationException($"{GetType().Name}: the initializer returned a tensor of shape {value.shape} for shape {shape}");
        return value.dtype == type ? value : Ops.Cast(value, type);
    }

    /// <summary>A new tensor of <paramref name="shape"/> with the initial values.</summary>
    protected abstract Tensor Call(Shape shape, DType dtype);

    /// <summary>A Keras initializer name (<c>"glorot_uniform"</c>, <c>"he_normal"</c>, <c>"zeros"</c>…), as
    /// <c>keras.initializers.get</c>.</summary>
    public static implicit operator Initializer(string identifier) => InitializersApi.Get(identifier);
}
