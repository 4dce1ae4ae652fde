namespace TfNotes.Keras.Layers;

/// <summary>Two sizes (rows, columns), as Keras' <c>kernel_size=3</c> or <c>(3, 5)</c>: an int converts to (n, n), a tuple as is.</summary>
public readonly record struct IntPair(int Rows, int Cols)
{
    /// <summary>An int as the same size for rows and columns, as Keras' <c>kernel_size=3</c>.</summary>
    public static implicit operator IntPair(int size) => new(size, size);
    /// <summary>A (rows, cols) tuple, as Keras' <c>kernel_size=(3, 5)</c>.</summary>
    public static implicit operator IntPair((int Rows, int Cols) sizes) => new(sizes.Rows, sizes.Cols);

    internal long[] Dims => [Rows, Cols];

    internal IntPair Positive(string argument, string layer) => Rows > 0 && Cols > 0 ? this
        : throw new ArgumentOutOfRangeException(argument, this, $"{layer}: `{argument}` must be positive, got ({Rows}, {Cols})");

    /// <summary>The Python tuple form, <c>(3, 5)</c>.</summary>
    public override string ToString() => $"({Rows}, {Cols})";
}
