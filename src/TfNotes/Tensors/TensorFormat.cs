using System.Globalization;
using System.Text;

namespace TfNotes;

/// <summary>Prints values the way TensorFlow (through NumPy) does: <c>5.0</c>, <c>[1. 2.5]</c>, <c>[[1 2] [3 4]]</c>.</summary>
internal static class TensorFormat
{
    const int MaxElements = 1000;

    internal static string Values(Tensor tensor)
    {
        var dims = tensor.shape.dims;
        if (tensor.shape.size > MaxElements) return $"<{tensor.shape.size} values>";
        var isFloat = tensor.dtype.is_floating;
        var values = Strings(tensor, isFloat);
        if (dims.Length == 0) return isFloat ? Scalar(values[0]) : values[0];
        if (isFloat) values = AlignFloats(values);
        int width = values.Length == 0 ? 0 : values.Max(v => v.Length);
        var text = new StringBuilder();
        int position = 0;
        Append(text, dims, 0, values, ref position, width);
        return text.ToString();
    }

    static string[] Strings(Tensor tensor, bool isFloat)
    {
        var inv = CultureInfo.InvariantCulture;
        if (tensor.dtype == DType.Float32) return tensor.ToArray<float>().Select(v => v.ToString("R", inv)).ToArray();
        if (tensor.dtype == DType.Float64) return tensor.ToArray<double>().Select(v => v.ToString("R", inv)).ToArray();
        if (tensor.dtype == DType.Bool) return tensor.ToArray<bool>().Select(v => v ? "True" : "False").ToArray();
        return tensor.dtype.ClrType switch
        {
            var t when t == typeof(int) => tensor.ToArray<int>().Select(v => v.ToString(inv)).ToArray(),
            var t when t == typeof(long) => tensor.ToArray<long>().Select(v => v.ToString(inv)).ToArray(),
            _ => tensor.ToArray<byte>().Select(v => v.ToString(inv)).ToArray(),
        };
    }

    static string Scalar(string value) => IsSpecial(value) || value.Contains('.') || value.Contains('E') ? Normalise(value) : value + ".0";

    /// <summary>NumPy prints integral floats in an array as <c>1.</c> and pads shorter decimals with spaces: <c>[1.  2.5]</c>.</summary>
    static string[] AlignFloats(string[] values)
    {
        var normalised = values.Select(Normalise).ToArray();
        if (normalised.Any(v => v.Contains('e'))) return normalised;
        int decimals = normalised.Where(v => !IsSpecial(v)).Select(v => v.Contains('.') ? v.Length - v.IndexOf('.') - 1 : 0).DefaultIfEmpty(0).Max();
        return normalised.Select(v => IsSpecial(v) ? v : Pad(v, decimals)).ToArray();
    }

    static string Pad(string v, int decimals)
    {
        if (!v.Contains('.')) v += ".";
        int have = v.Length - v.IndexOf('.') - 1;
        return v + new string(' ', decimals - have);
    }

    static string Normalise(string v) => v switch
    {
        "NaN" => "nan",
        "∞" or "Infinity" => "inf",
        "-∞" or "-Infinity" => "-inf",
        _ => v.Replace("E", "e"),
    };

    static bool IsSpecial(string v) => v is "nan" or "inf" or "-inf" or "NaN" or "Infinity" or "-Infinity" or "∞" or "-∞";

    static void Append(StringBuilder text, long[] dims, int axis, string[] values, ref int position, int width)
    {
        text.Append('[');
        for (long i = 0; i < dims[axis]; i++)
        {
            if (i > 0) text.Append(axis == dims.Length - 1 ? " " : "\n" + new string(' ', axis + 1));
            if (axis == dims.Length - 1) text.Append(values[position++].PadLeft(width));
            else Append(text, dims, axis + 1, values, ref position, width);
        }
        text.Append(']');
    }
}
