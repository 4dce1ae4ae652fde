using static TfNotes.Binding;

namespace TfNotes.Keras.Layers;

/// <summary><c>tf.keras.layers.Flatten</c>: (batch, d1, d2, …) → (batch, d1·d2·…); the dtype is kept.</summary>
public sealed class Flatten(string? name = null) : Layer(name)
{
    /// <inheritdoc/>
    protected override bool CastsIntegerInputs => false;

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 1, atLeast: true);
        var rest = input_shape.dims[1..];
        return new Shape(input_shape[0], rest.Any(d => d < 0) ? -1 : rest.Aggregate(1L, (p, d) => p * d));
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training) =>
        tf.reshape(x, new Shape(x.shape[0], x.shape.dims[1..].Aggregate(1L, (p, d) => p * d)));
}
