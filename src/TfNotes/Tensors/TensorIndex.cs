namespace TfNotes;

/// <summary>
/// One entry of a tensor index, <c>x[…]</c>: what Python writes between the brackets. Converts implicitly from an
/// <c>int</c>/<c>long</c> (one position; negative counts from the end as in Python: <c>x[-1]</c>), a C# <see cref="Index"/>
/// (<c>x[^1]</c>), a C# <see cref="Range"/> (<c>x[1..3]</c>, <c>x[..]</c>, <c>x[..^1]</c> for Python's <c>x[:-1]</c>) and
/// a scalar int32/int64 tensor; <c>tf.newaxis</c> and <c>tf.ellipsis</c> (Python's <c>None</c> and <c>...</c>) are
/// entries too, and <see cref="Slice"/> gives a step (<c>x[::2]</c> is <c>x[TensorIndex.Slice(step: 2)]</c>).
/// Ranges follow TensorFlow's (Python's) slicing, not C#'s: bounds past the end are clamped, and an empty range
/// gives an empty tensor.
/// </summary>
public readonly struct TensorIndex
{
    internal enum Kinds { Point, Slice, NewAxis, Ellipsis }

    internal Kinds Kind { get; }
    internal Bound Start { get; }
    internal Bound Stop { get; }
    internal long Step { get; }

    TensorIndex(Kinds kind, Bound start = default, Bound stop = default, long step = 1) =>
        (Kind, Start, Stop, Step) = (kind, start, stop, step);

    /// <summary>Python's <c>start:stop:step</c>; a null bound is the end the step walks from (or to).</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) =>
        new(Kinds.Slice, Bound.Of(start), Bound.Of(stop), step);

    internal static readonly TensorIndex NewAxis = new(Kinds.NewAxis);
    internal static readonly TensorIndex Ellipsis = new(Kinds.Ellipsis);

    /// <summary>One position, <c>x[i]</c>; negative counts from the end, as in Python.</summary>
    public static implicit operator TensorIndex(int index) => new(Kinds.Point, new Bound(index, false, true));
    /// <inheritdoc cref="op_Implicit(int)"/>
    public static implicit operator TensorIndex(long index) => new(Kinds.Point, new Bound(index, false, true));
    /// <summary>One position as a C# <see cref="Index"/>: <c>x[^1]</c> is Python's <c>x[-1]</c>.</summary>
    public static implicit operator TensorIndex(Index index) => new(Kinds.Point, Bound.Of(index));
    /// <summary>A slice as a C# <see cref="Range"/>: <c>x[1..3]</c> is Python's <c>x[1:3]</c>, with Python's clamping
    /// of bounds.</summary>
    public static implicit operator TensorIndex(Range range) => new(Kinds.Slice, Bound.Of(range.Start), Bound.Of(range.End));

    /// <summary>A scalar int32/int64 tensor is one position (as TensorFlow's indexing accepts).</summary>
    public static implicit operator TensorIndex(Tensor index)
    {
        if (index.ndim != 0 || (index.dtype != DType.Int32 && index.dtype != DType.Int64))
            throw new ArgumentException("Only integers, slices (`..`), ellipsis (`tf.ellipsis`), tf.newaxis and scalar " +
                $"tf.int32/tf.int64 tensors are valid indices, got a {index.dtype} tensor of shape {index.shape} " +
                "(for a mask, use tf.boolean_mask; for many positions, tf.gather)", nameof(index));
        return (long)index;
    }

    /// <summary>The entry as C# writes it: <c>2</c>, <c>1..3</c>, <c>tf.newaxis</c>.</summary>
    public override string ToString() => Kind switch
    {
        Kinds.Point => Start.ToString(),
        Kinds.NewAxis => "tf.newaxis",
        Kinds.Ellipsis => "tf.ellipsis",
        _ => $"{Start}..{Stop}" + (Step == 1 ? "" : $" step {Step}"),
    };

    /// <summary>A position or a slice bound: Python's (negative from the end) or C#'s <c>^n</c>; absent when not given.</summary>
    internal readonly record struct Bound(long Value, bool FromEnd, bool Given)
    {
        internal static Bound Of(long? value) => value is { } v ? new(v, false, true) : default;

        internal static Bound Of(Index index) => new(index.Value, index.IsFromEnd, true);

        /// <summary>The position counted from the start in a dimension of <paramref name="size"/>.</summary>
        internal long Forward(long size) => FromEnd ? size - Value : Value < 0 ? size + Value : Value;

        public override string ToString() => !Given ? "" : FromEnd ? $"^{Value}" : $"{Value}";
    }
}
