using System.Globalization;
using System.Numerics;
using System.Text;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// Prints values as TensorFlow does, which is NumPy's (1.x) <c>str</c>/<c>repr</c> of <c>tensor.numpy()</c>: scalars
/// in the shortest text that reads back (<c>0.1</c>, <c>1e-05</c>), arrays with NumPy's array2string defaults — at most
/// 8 fractional digits (<c>[0.33333333]</c>), all elements padded alike (<c>[1.  2.5]</c>), scientific notation
/// when the magnitudes call for it, rows wrapped at 75 characters, more than 1000 elements summarized with <c>...</c>
/// around 3 edge items.
/// </summary>
internal static class TensorFormat
{
    const int LineWidth = 75, Threshold = 1000, EdgeItems = 3, Precision = 8;

    /// <summary>What <c>print(t)</c> shows inside <c>tf.Tensor(…)</c>: <c>str(t.numpy())</c>, on a new line when it spans several.</summary>
    internal static string Text(Tensor tensor) => OwnLine(Format(tensor, repr: false));

    /// <summary>What a Variable shows after <c>numpy=</c>: <c>repr(t.numpy())</c> (<c>array([1., 2.], dtype=float32)</c>).</summary>
    internal static string Repr(Tensor tensor) => OwnLine(Format(tensor, repr: true));

    static string OwnLine(string text) => text.Contains('\n') ? "\n" + text : text;

    static string Format(Tensor tensor, bool repr)
    {
        var dims = tensor.shape.dims;
        var dtype = tensor.dtype;
        if (dims.Length == 0) return ScalarText(tensor, dtype);
        long size = dims.Aggregate(1L, (p, d) => p * d);
        var (words, shown, summarized) = size == 0 ? ([], dims, new bool[dims.Length]) : Words(tensor, dtype, size > Threshold);
        const string prefix = "array(";
        bool implied = (dtype == DType.Float64 || dtype == DType.Int64 || dtype == DType.Bool) && size > 0;
        string suffix = implied ? ")" : ",";
        string list = size == 0 ? "[]"
            : new ArrayText(words, shown, summarized, repr ? ", " : " ").Render(repr ? LineWidth - suffix.Length : LineWidth,
                repr ? new string(' ', prefix.Length + 1) : " ");
        if (!repr) return list;
        if (size == 0 && dims.Length != 1) list += $", shape={tensor.shape}";
        string text = prefix + list + suffix;
        if (implied) return text;
        string dtypeText = $"dtype={dtype})";
        int lastLine = text.Length - (text.LastIndexOf('\n') + 1);
        return text + (lastLine + dtypeText.Length + 1 > LineWidth ? "\n" + new string(' ', prefix.Length) : " ") + dtypeText;
    }

    /// <summary>NumPy's scalar text: True, 4, 5.0, 0.1, 1e-05, 1e+16, nan.</summary>
    static string ScalarText(Tensor tensor, DType dtype)
    {
        if (dtype == DType.Bool) return tensor.ToArray<bool>()[0] ? "True" : "False";
        if (!dtype.is_floating) return Integers(tensor, dtype)[0].ToString(CultureInfo.InvariantCulture);
        bool single = dtype == DType.Float32;
        double v = single ? tensor.ToArray<float>()[0] : tensor.ToArray<double>()[0];
        if (!double.IsFinite(v)) return NonFinite(v);
        double magnitude = Math.Abs(v);
        var digits = Decimal.Shortest(v, single);
        return magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16)
            ? Positional(v, digits, 0, Trim.LeaveOneZero, 0, 0)
            : Scientific(v, digits, 0, Trim.DotAndZeros, 0, -1);
    }

    /// <summary>The elements as NumPy formats them in an array, over only the edge items when summarized.</summary>
    static (string[] words, long[] shown, bool[] summarized) Words(Tensor tensor, DType dtype, bool summarize)
    {
        var native = tensor.Native.detach();
        var summarized = new bool[native.dim()];
        var disposables = new List<torch.Tensor> { native };
        try
        {
            for (int axis = 0; summarize && axis < summarized.Length; axis++)
            {
                long n = native.size(axis);
                if (n <= 2 * EdgeItems) continue;
                summarized[axis] = true;
                using var head = native.narrow(axis, 0, EdgeItems);
                using var tail = native.narrow(axis, n - EdgeItems, EdgeItems);
                native = torch.cat([head, tail], axis);
                disposables.Add(native);
            }
            using var contiguous = native.contiguous();
            using var flat = contiguous.reshape(-1);
            var shown = Tensor.Dims(native);
            string[] words;
            if (dtype == DType.Bool) words = ((bool[])dtype.Values.ToArray(flat)).Select(b => b ? " True" : "False").ToArray();
            else if (dtype.is_floating)
            {
                bool single = dtype == DType.Float32;
                var values = single ? ((float[])dtype.Values.ToArray(flat)).Select(f => (double)f).ToArray() : (double[])dtype.Values.ToArray(flat);
                var format = new FloatFormat(values, single);
                words = values.Select(format.Format).ToArray();
            }
            else
            {
                var values = IntegersOf(flat, dtype);
                var texts = values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
                int width = texts.Max(t => t.Length);
                words = texts.Select(t => t.PadLeft(width)).ToArray();
            }
            return (words, shown, summarized);
        }
        finally
        {
            foreach (var t in disposables) t.Dispose();
        }
    }

    static long[] Integers(Tensor tensor, DType dtype)
    {
        using var detached = tensor.Native.detach();
        using var flat = detached.reshape(-1);
        return IntegersOf(flat, dtype);
    }

    static long[] IntegersOf(torch.Tensor flat, DType dtype)
    {
        var values = dtype.Values.ToArray(flat);
        if (dtype == DType.Int32) return Array.ConvertAll((int[])values, v => (long)v);
        if (dtype == DType.UInt8) return Array.ConvertAll((byte[])values, v => (long)v);
        return (long[])values;
    }

    static string NonFinite(double v) => double.IsNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";

    /// <summary>NumPy's trim modes: keep trailing zeros, "1." , "1.0", "1".</summary>
    enum Trim { Keep, Dot, LeaveOneZero, DotAndZeros }

    /// <summary>NumPy's FloatingFormat for arrays (floatmode "maxprec", precision 8): one layout for all elements.</summary>
    sealed class FloatFormat
    {
        readonly bool single, scientific;
        readonly int padLeft, padRight, precision = Precision, minDigits, exponentDigits = -1;
        readonly Trim trim = Trim.Dot;

        internal FloatFormat(double[] values, bool single)
        {
            this.single = single;
            var finite = values.Where(double.IsFinite).ToArray();
            var magnitudes = finite.Select(Math.Abs).Where(m => m != 0).ToArray();
            if (magnitudes.Length > 0)
            {
                double max = magnitudes.Max(), min = magnitudes.Min();
                scientific = max >= 1e8 || min < 1e-4 || max / min > 1e3;
            }
            if (finite.Length > 0 && scientific)
            {
                var texts = finite.Select(v => Scientific(v, Decimal.Scientific(v, single, Precision), 0, Trim.Dot, 0, -1)).ToArray();
                var mantissas = texts.Select(t => t[..t.IndexOf('e')]).ToArray();
                exponentDigits = texts.Max(t => t.Length - t.IndexOf('e') - 1) - 1;
                precision = minDigits = mantissas.Max(m => m.Length - m.IndexOf('.') - 1);
                trim = Trim.Keep;
                padLeft = mantissas.Max(m => m.IndexOf('.'));
                padRight = exponentDigits + 2 + precision;
            }
            else if (finite.Length > 0)
            {
                var texts = finite.Select(v => Positional(v, Decimal.Positional(v, single, Precision), 0, Trim.Dot, 0, 0)).ToArray();
                padLeft = texts.Max(t => t.IndexOf('.'));
                padRight = texts.Max(t => t.Length - t.IndexOf('.') - 1);
            }
            if (finite.Length < values.Length)
            {
                int infinity = values.Any(v => double.IsNegativeInfinity(v)) ? 4 : 3;
                padLeft = Math.Max(padLeft, Math.Max(3, infinity) - (padRight + 1));
            }
        }

        internal string Format(double v)
        {
            if (!double.IsFinite(v))
            {
                var text = NonFinite(v);
                return new string(' ', Math.Max(0, padLeft + padRight + 1 - text.Length)) + text;
            }
            return scientific
                ? Scientific(v, Decimal.Scientific(v, single, precision), minDigits, trim, padLeft, exponentDigits)
                : Positional(v, Decimal.Positional(v, single, precision), minDigits, trim, padLeft, padRight);
        }
    }

    static string Positional(double v, Decimal d, int minDigits, Trim trim, int padLeft, int padRight)
    {
        string integer = d.Point <= 0 || d.Digits.Length == 0 ? "0"
            : d.Digits.Length >= d.Point ? d.Digits[..d.Point] : d.Digits + new string('0', d.Point - d.Digits.Length);
        string fraction = d.Digits.Length == 0 || d.Point >= d.Digits.Length ? ""
            : d.Point < 0 ? new string('0', -d.Point) + d.Digits : d.Digits[d.Point..];
        fraction = fraction.PadRight(minDigits, '0');
        if (fraction.Length == 0 && trim == Trim.LeaveOneZero) fraction = "0";
        string sign = double.IsNegative(v) ? "-" : "";
        string text = (sign + integer).PadLeft(padLeft);
        return fraction.Length == 0 && trim == Trim.DotAndZeros ? text : text + "." + fraction.PadRight(padRight);
    }

    static string Scientific(double v, Decimal d, int minDigits, Trim trim, int padLeft, int exponentDigits)
    {
        bool zero = d.Digits.Length == 0;
        string first = zero ? "0" : d.Digits[..1];
        string fraction = (zero ? "" : d.Digits[1..]).PadRight(minDigits, '0');
        int exponent = zero ? 0 : d.Point - 1;
        string sign = double.IsNegative(v) ? "-" : "";
        string mantissa = (sign + first).PadLeft(padLeft) + (fraction.Length == 0 && trim == Trim.DotAndZeros ? "" : "." + fraction);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") +
            Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(exponentDigits, 2), '0');
    }

    /// <summary>|v| = 0.Digits × 10^Point (no leading or trailing zeros in Digits; empty for 0).</summary>
    readonly record struct Decimal(string Digits, int Point)
    {
        /// <summary>The shortest digits that read back as the same float32 or float64 (.NET's round-trip text).</summary>
        internal static Decimal Shortest(double v, bool single)
        {
            var text = (single ? ((float)Math.Abs(v)).ToString("R", CultureInfo.InvariantCulture) : Math.Abs(v).ToString("R", CultureInfo.InvariantCulture));
            int e = text.IndexOfAny(['E', 'e']);
            int exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            string mantissa = e < 0 ? text : text[..e];
            int dot = mantissa.IndexOf('.');
            int integerLength = dot < 0 ? mantissa.Length : dot;
            string digits = mantissa.Replace(".", "");
            int leading = digits.Length - digits.TrimStart('0').Length;
            digits = digits.Trim('0');
            return digits.Length == 0 ? new("", 0) : new(digits, integerLength + exponent - leading);
        }

        /// <summary>The exact decimal value of a double (every binary fraction is a finite decimal).</summary>
        static Decimal Exact(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
            int biased = (int)(bits >> 52);
            long mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (biased != 0) mantissa |= 1L << 52;
            int power = (biased == 0 ? 1 : biased) - 1075;
            var value = power >= 0 ? new BigInteger(mantissa) << power : new BigInteger(mantissa) * BigInteger.Pow(5, -power);
            string digits = value.ToString(CultureInfo.InvariantCulture);
            int point = digits.Length + Math.Min(power, 0);
            digits = digits.TrimEnd('0');
            return digits.Length == 0 ? new("", 0) : new(digits, point);
        }

        /// <summary>The shortest digits, or the exact value rounded half to even to <paramref name="fractional"/> fractional digits when longer.</summary>
        internal static Decimal Positional(double v, bool single, int fractional)
        {
            var shortest = Shortest(v, single);
            if (shortest.Digits.Length - shortest.Point <= fractional) return shortest;
            var exact = Exact(v);
            return exact.Keep(exact.Point + fractional);
        }

        /// <summary>The shortest digits, or the exact value rounded half to even to 1 + <paramref name="fractional"/> significant digits.</summary>
        internal static Decimal Scientific(double v, bool single, int fractional)
        {
            var shortest = Shortest(v, single);
            return shortest.Digits.Length - 1 <= fractional ? shortest : Exact(v).Keep(fractional + 1);
        }

        /// <summary>The first <paramref name="count"/> digits of the exact value, rounded half to even (Dragon4's cut-off rule).</summary>
        Decimal Keep(int count)
        {
            if (count < 0) return new("", 0);
            if (count >= Digits.Length) return this;
            var kept = Digits[..count].ToCharArray();
            char next = Digits[count];
            bool exactHalf = next == '5' && count + 1 == Digits.Length;
            bool up = next > '5' || (next == '5' && !exactHalf) || (exactHalf && count > 0 && (kept[^1] - '0') % 2 == 1);
            int point = Point;
            if (up)
            {
                int i = kept.Length - 1;
                while (i >= 0 && kept[i] == '9') kept[i--] = '0';
                if (i >= 0) kept[i]++;
                else
                {
                    kept = ['1', .. kept];
                    point++;
                }
            }
            var digits = new string(kept).TrimEnd('0');
            return digits.Length == 0 ? new("", 0) : new(digits, point);
        }
    }

    /// <summary>NumPy's _formatArray: nested brackets, rows wrapped to the line width, a blank line per extra axis.</summary>
    sealed class ArrayText(string[] words, long[] dims, bool[] summarized, string separator)
    {
        internal string Render(int lineWidth, string linePrefix) => Nested(0, 0, linePrefix, lineWidth);

        string Nested(int axis, long offset, string indent, int width)
        {
            long length = dims[axis];
            long stride = dims.Skip(axis + 1).Aggregate(1L, (p, d) => p * d);
            bool summary = summarized[axis];
            long leading = summary ? EdgeItems : 0, trailing = summary ? EdgeItems : length;
            var text = new StringBuilder();
            int remaining = dims.Length - axis;
            if (remaining == 1)
            {
                int elementWidth = width - Math.Max(separator.TrimEnd().Length, 1);
                var line = new StringBuilder(indent);
                for (long i = 0; i < leading; i++) Extend(text, line, words[offset + i], elementWidth, indent).Append(separator);
                if (summary) Extend(text, line, "...", elementWidth, indent).Append(separator);
                for (long i = trailing; i > 1; i--) Extend(text, line, words[offset + length - i], elementWidth, indent).Append(separator);
                Extend(text, line, words[offset + length - 1], elementWidth, indent);
                text.Append(line);
            }
            else
            {
                string lineSeparator = separator.TrimEnd() + new string('\n', remaining - 1);
                string inner = indent + " ";
                for (long i = 0; i < leading; i++) text.Append(indent).Append(Nested(axis + 1, offset + i * stride, inner, width - 1)).Append(lineSeparator);
                if (summary) text.Append(indent).Append("...").Append(lineSeparator);
                for (long i = trailing; i > 1; i--)
                    text.Append(indent).Append(Nested(axis + 1, offset + (length - i) * stride, inner, width - 1)).Append(lineSeparator);
                text.Append(indent).Append(Nested(axis + 1, offset + (length - 1) * stride, inner, width - 1));
            }
            return "[" + text.ToString(indent.Length, text.Length - indent.Length) + "]";
        }

        /// <summary>Appends <paramref name="word"/> to the line, first starting a new one when it would pass the width.</summary>
        static StringBuilder Extend(StringBuilder text, StringBuilder line, string word, int width, string indent)
        {
            if (line.Length + word.Length > width && line.Length > indent.Length)
            {
                text.Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear().Append(indent);
            }
            return line.Append(word);
        }
    }
}
