namespace TfNotes.Keras.Layers;

/// <summary>Two sizes (rows, columns), as Keras' <c>kernel_size=3</c> or <c>(3, 5)</c>: an int converts to (n, n), a tuple as is.</summary>
public readonly record struct IntPair(int Rows, int Cols)
{
    public static implicit operator IntPair(int size) => new(size, size);
    public static implicit operator IntPair((int Rows, int Cols) sizes) => new(sizes.Rows, sizes.Cols);

    internal long[] Dims => [Rows, Cols];

    internal IntPair Positive(string argument, string layer) => Rows > 0 && Cols > 0 ? this
        : throw new ArgumentOutOfRangeException(argument, this, $"{layer}: `{argument}` must be positive, got ({Rows}, {Cols})");

    public override string ToString() => $"({Rows}, {Cols})";
}
