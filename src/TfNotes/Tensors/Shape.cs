namespace TfNotes;

/// <summary>A tensor shape; prints as TensorFlow does: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
public sealed class Shape : IEquatable<Shape>
{
    public long[] dims { get; }
    public int ndim => dims.Length;
    public long size => dims.Aggregate(1L, (a, b) => a * b);
    public long this[int axis] => dims[axis < 0 ? axis + dims.Length : axis];

    public Shape(params long[] dims) => this.dims = dims;
    public Shape(params int[] dims) => this.dims = Array.ConvertAll(dims, d => (long)d);

    public static implicit operator Shape(int[] dims) => new(dims);
    public static implicit operator Shape(long[] dims) => new(dims);

    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    public override int GetHashCode() => dims.Aggregate(17, (h, d) => h * 31 + d.GetHashCode());
    public static bool operator ==(Shape? a, Shape? b) => a?.Equals(b) ?? b is null;
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    public override string ToString() => dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    /// <summary>The bracket form TensorFlow's error messages use: <c>[2,3]</c>.</summary>
    internal string Brackets => $"[{string.Join(",", dims)}]";
}
