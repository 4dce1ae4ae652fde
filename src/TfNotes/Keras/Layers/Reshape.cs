using static TfNotes.Binding;

namespace TfNotes.Keras.Layers;

/// <summary>
/// <c>tf.keras.layers.Reshape</c>: each example to <c>target_shape</c> (without the batch axis; one entry may be -1,
/// inferred); the dtype is kept.
/// </summary>
public sealed class Reshape : Layer
{
    /// <summary><c>keras.layers.Reshape(target_shape)</c>: positive sizes without the batch axis, at most one
    /// −1.</summary>
    public Reshape(long[] target_shape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(target_shape);
        if (target_shape.Count(d => d == -1) > 1 || target_shape.Any(d => d < -1 || d == 0))
            throw new ArgumentException($"Reshape: `target_shape` must list positive sizes with at most one -1. Received: target_shape=({string.Join(", ", target_shape)})", nameof(target_shape));
        this.target_shape = new Shape(target_shape.ToArray());
    }

    /// <summary>The shape of each example after the layer (without the batch axis).</summary>
    public Shape target_shape { get; }

    /// <inheritdoc/>
    protected override bool CastsIntegerInputs => false;

    /// <inheritdoc/>
    public override Shape compute_output_shape(Shape input_shape)
    {
        RequireRank(input_shape, 1, atLeast: true);
        var rest = input_shape.dims[1..];
        long known = target_shape.dims.Where(d => d > 0).Aggregate(1L, (p, d) => p * d);
        var dims = target_shape.dims.ToArray();
        if (rest.All(d => d >= 0))
        {
            long size = rest.Aggregate(1L, (p, d) => p * d);
            bool fits = dims.Contains(-1) ? size % known == 0 : size == known;
            if (!fits)
                throw new InvalidArgumentError($"The total size of the tensor must be unchanged. Received: input_shape={KerasShapes.Format(new Shape(rest))}, " +
                    $"target_shape={KerasShapes.Format(target_shape)}");
            int unknown = Array.IndexOf(dims, -1L);
            if (unknown >= 0) dims[unknown] = size / known;
        }
        return new Shape([input_shape[0], .. dims]);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor x, bool training)
    {
        var output = compute_output_shape(x.shape);
        return tf.reshape(x, new Shape([x.shape[0], .. output.dims[1..]]));
    }
}
