using System.Globalization;
using System.Text;
using TfNotes.Keras.Layers;

namespace TfNotes.Keras;

public abstract partial class Model
{
    /// <summary>
    /// Keras' <c>model.summary()</c>: the table Keras 3 prints (rich's heavy-head box, columns at 45 % and 80 % of
    /// <paramref name="line_length"/>, default min(88, terminal width − 4) with 80 columns when not a terminal), a
    /// row per layer — name (type), output shape (<c>?</c> before the layer ran), parameter count (<c>0 (unbuilt)</c>)
    /// — then the totals with their memory (and the optimizer's once it is built). Printed line by line through
    /// <paramref name="print_fn"/> (default: the console).
    /// </summary>
    public void summary(int? line_length = null, Action<string>? print_fn = null)
    {
        print_fn ??= Console.WriteLine;
        foreach (var line in SummaryLines(line_length ?? Math.Min(88, TerminalWidth() - 4))) print_fn(line);
    }

    static int TerminalWidth()
    {
        if (Console.IsOutputRedirected) return 80;
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    IEnumerable<string> SummaryLines(int width)
    {
        int[] positions = [(int)(0.45 * width), (int)(0.80 * width), width];
        var cells = new[] { positions[0], positions[1] - positions[0], positions[2] - positions[1] }.Select(w => w + 2).ToArray();
        if (cells.Any(w => w < 6)) throw new ArgumentOutOfRangeException(nameof(width), width, "Insufficient console width to print summary.");
        cells = RatioReduce(cells.Sum() - (width - 4), cells);

        yield return $"Model: \"{name}\"";
        yield return Border('┏', '━', '┳', '┓', cells);
        foreach (var line in Row(["Layer (type)", "Output Shape", "Param #"], cells, '┃')) yield return line;
        yield return Border('┡', '━', '╇', '┩', cells);
        var rows = layers.ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            if (i > 0) yield return Border('├', '─', '┼', '┤', cells);
            var layer = rows[i];
            string shape = layer.OutputShape is { } s ? KerasShapes.Format(s) : "?";
            string parameters = layer.built || layer.variables.Count > 0 ? layer.count_params().ToString("N0", CultureInfo.InvariantCulture) : "0 (unbuilt)";
            foreach (var line in Row([$"{layer.name} ({layer.GetType().Name})", shape, parameters], cells, '│')) yield return line;
        }
        yield return Border('└', '─', '┴', '┘', cells);

        var trainable = trainable_variables;
        var frozen = non_trainable_variables;
        var optimizerVariables = compiled && optimizer is { built: true } ? optimizer.variables : [];
        long total = Count(trainable) + Count(frozen) + Count(optimizerVariables);
        long bytes = Bytes(trainable) + Bytes(frozen) + Bytes(optimizerVariables);
        yield return $" Total params: {total.ToString("N0", CultureInfo.InvariantCulture)} ({Readable(bytes)})";
        yield return $" Trainable params: {Count(trainable).ToString("N0", CultureInfo.InvariantCulture)} ({Readable(Bytes(trainable))})";
        yield return $" Non-trainable params: {Count(frozen).ToString("N0", CultureInfo.InvariantCulture)} ({Readable(Bytes(frozen))})";
        if (optimizerVariables.Count > 0)
            yield return $" Optimizer params: {Count(optimizerVariables).ToString("N0", CultureInfo.InvariantCulture)} ({Readable(Bytes(optimizerVariables))})";
    }

    static long Count(IReadOnlyList<Variable> variables) => variables.Sum(v => v.shape.size);
    static long Bytes(IReadOnlyList<Variable> variables) =>
        variables.Sum(v => v.shape.size * (v.dtype == DType.Bool ? 1 : System.Runtime.InteropServices.Marshal.SizeOf(v.dtype.ClrType)));

    /// <summary>Keras' <c>readable_memory_size</c>: 1024-based units with two decimals.</summary>
    static string Readable(double size)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (size / 1024 < 1) return $"{size.ToString("F2", CultureInfo.InvariantCulture)} {unit}";
            size /= 1024;
        }
        return $"{size.ToString("F2", CultureInfo.InvariantCulture)} {units[^1]}";
    }

    /// <summary>rich's <c>ratio_reduce</c> with equal ratios: takes <paramref name="excess"/> evenly off the cells (rounding half to even, as Python).</summary>
    static int[] RatioReduce(int excess, int[] cells)
    {
        var result = new int[cells.Length];
        int remaining = excess, ratios = cells.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            int taken = (int)Math.Min(cells[i], Math.Round((double)remaining / ratios, MidpointRounding.ToEven));
            result[i] = cells[i] - taken;
            remaining -= taken;
            ratios--;
        }
        return result;
    }

    static string Border(char left, char line, char middle, char right, int[] cells) =>
        left + string.Join(middle, cells.Select(w => new string(line, w))) + right;

    /// <summary>A row of cells (padding 1 each side; the last column right-aligned), wrapped onto more lines when a value is longer than its cell.</summary>
    static IEnumerable<string> Row(string[] values, int[] cells, char bar)
    {
        var wrapped = values.Select((v, i) => Wrap(v, cells[i] - 2)).ToArray();
        int height = wrapped.Max(w => w.Count);
        for (int line = 0; line < height; line++)
        {
            var text = new StringBuilder().Append(bar);
            for (int i = 0; i < values.Length; i++)
            {
                string part = line < wrapped[i].Count ? wrapped[i][line] : "";
                int content = cells[i] - 2;
                text.Append(' ').Append(i == values.Length - 1 ? part.PadLeft(content) : part.PadRight(content)).Append(' ').Append(bar);
            }
            yield return text.ToString();
        }
    }

    static List<string> Wrap(string value, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in value.Split(' '))
        {
            var w = word;
            while (w.Length > width) { if (line.Length > 0) { lines.Add(line); line = ""; } lines.Add(w[..width]); w = w[width..]; }
            if (line.Length == 0) line = w;
            else if (line.Length + 1 + w.Length <= width) line += " " + w;
            else { lines.Add(line); line = w; }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }
}
