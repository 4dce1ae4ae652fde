namespace TfNotes.Data;

/// <summary>
/// The shape and dtype of one component of a dataset element, as <c>tf.TensorSpec</c>; a dimension of -1 is unknown
/// (TensorFlow's <c>None</c>, e.g. the batch dimension of <c>batch(n)</c> without <c>drop_remainder</c>).
/// </summary>
public sealed record TensorSpec(Shape shape, DType dtype)
{
    internal const long Unknown = -1;

    /// <summary>The spec of one row of a tensor with this spec (its first dimension dropped).</summary>
    internal TensorSpec Row() => this with { shape = new Shape(shape.dims[1..]) };

    /// <summary>The spec of a batch of elements with this spec.</summary>
    internal TensorSpec Batched(long size) => this with { shape = new Shape([size, .. shape.dims]) };

    /// <summary>Dimensions that differ between two probes become unknown.</summary>
    internal static TensorSpec Merge(TensorSpec a, TensorSpec b) =>
        a.shape.ndim != b.shape.ndim ? throw new InvalidOperationException($"the rank changed between probes: {a} vs {b}")
        : a with { shape = new Shape(a.shape.dims.Zip(b.shape.dims, (x, y) => x == y ? x : Unknown).ToArray()) };

    /// <summary>Whether a tensor of <paramref name="other"/> shape fits this spec (same rank, known dimensions equal).</summary>
    internal bool IsCompatibleWith(Shape other) =>
        other.ndim == shape.ndim && shape.dims.Zip(other.dims).All(d => d.First == Unknown || d.Second == Unknown || d.First == d.Second);

    /// <summary>The shape as TensorFlow prints it: <c>(None, 3)</c>, <c>(2,)</c>, <c>()</c>.</summary>
    internal string ShapeText
    {
        get
        {
            var dims = shape.dims.Select(d => d == Unknown ? "None" : d.ToString()).ToArray();
            return dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
        }
    }

    /// <summary>TensorFlow's repr: <c>TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)</c>.</summary>
    public override string ToString() => $"TensorSpec(shape={ShapeText}, dtype=tf.{dtype}, name=None)";
}
