namespace TfNotes;

/// <summary>A tensor shape; prints as TensorFlow does: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
public sealed class Shape : IEquatable<Shape>
{
    /// <summary>The size of each dimension, outermost first.</summary>
    public long[] dims { get; }
    /// <summary>The number of dimensions (the rank); 0 for a scalar.</summary>
    public int ndim => dims.Length;
    /// <summary>The number of elements: the product of the dimensions (1 for a scalar).</summary>
    public long size => dims.Aggregate(1L, (a, b) => a * b);
    /// <summary>The size of dimension <paramref name="axis"/>; a negative axis counts from the end, as in
    /// Python.</summary>
    public long this[int axis] => dims[axis < 0 ? axis + dims.Length : axis];

    /// <summary>A shape of the given dimensions; none is the scalar shape <c>()</c>.</summary>
    public Shape(params long[] dims) => this.dims = dims;
    /// <inheritdoc cref="Shape(long[])"/>
    public Shape(params int[] dims) => this.dims = Array.ConvertAll(dims, d => (long)d);

    /// <summary>An <c>int[]</c> where a shape is expected, as a Python list of ints.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);
    /// <summary>A <c>long[]</c> where a shape is expected, as a Python list of ints.</summary>
    public static implicit operator Shape(long[] dims) => new(dims);

    /// <summary>Whether both shapes have the same dimensions.</summary>
    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);
    /// <summary>Whether <paramref name="obj"/> is a shape with the same dimensions.</summary>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    /// <summary>A hash of the dimensions, consistent with <see cref="Equals(Shape)"/>.</summary>
    public override int GetHashCode() => dims.Aggregate(17, (h, d) => h * 31 + d.GetHashCode());
    /// <summary>Whether both shapes have the same dimensions (or both are null).</summary>
    public static bool operator ==(Shape? a, Shape? b) => a?.Equals(b) ?? b is null;
    /// <summary>Whether the shapes' dimensions differ.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>TensorFlow's (Python tuple) form: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
    public override string ToString() => dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    /// <summary>The bracket form TensorFlow's error messages use: <c>[2,3]</c>.</summary>
    internal string Brackets => $"[{string.Join(",", dims)}]";
}
