namespace TfNotes.Keras.Layers;

/// <summary>
/// Keras' (TensorFlow's) <c>padding</c> for windows over rows and columns. <c>"valid"</c>: no padding, out = ⌊(in − k)/s⌋ + 1.
/// <c>"same"</c>: out = ⌈in/s⌉, padded with total p = max((out − 1)·s + k − in, 0), ⌊p/2⌋ before and the rest
/// after — so an even kernel gets its extra row and column at the bottom and right, as TensorFlow.
/// </summary>
internal static class Padding
{
    internal static string Check(string padding, string layer) => padding is "valid" or "same" ? padding
        : throw new ArgumentException($"{layer}: `padding` must be \"valid\" or \"same\". Received: padding={padding}", nameof(padding));

    internal static long Output(long input, int kernel, int stride, string padding) =>
        input < 0 ? -1 : padding == "same" ? (input + stride - 1) / stride : input < kernel ? 0 : (input - kernel) / stride + 1;

    /// <summary>(before, after) padding along one axis; zeros for "valid".</summary>
    internal static (long Before, long After) Amounts(long input, int kernel, int stride, string padding)
    {
        if (padding != "same") return (0, 0);
        long total = Math.Max((Output(input, kernel, stride, padding) - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
