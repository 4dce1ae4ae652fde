namespace TfNotes;

public partial class Tensor : IFormattable
{
    /// <summary>
    /// <c>$"{t:F2}"</c>: a format applies to the value of a scalar (0-d) tensor, as Python's <c>f"{t:.2f}"</c>; without a
    /// format this is <see cref="ToString()"/>. A format on a tensor with axes is an error, as NumPy's
    /// <c>ndarray.__format__</c> (a TypeError): format its elements instead.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        if (string.IsNullOrEmpty(format)) return ToString();
        if (ndim != 0)
            throw new FormatException($"unsupported format string \"{format}\" for a tensor of shape {shape}: a format applies to " +
                "a scalar tensor only (NumPy's ndarray.__format__ raises TypeError); format its elements, e.g. ((float)t[0]).ToString(format)");
        var native = Native;
        if (dtype == DType.Float32) return ((float)RealItem(native)).ToString(format, formatProvider);
        if (dtype == DType.Float64) return RealItem(native).ToString(format, formatProvider);
        if (dtype == DType.Bool) return (BoolItem(native) ? 1 : 0).ToString(format, formatProvider);
        return IntegerItem(native).ToString(format, formatProvider);
    }
}
