using System.Globalization;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.CSVLogger</c>: one row per epoch, <c>epoch</c> (from 0) then the logs' values under the
/// header of the first epoch's sorted names (with <c>val_</c> columns added when that epoch had none), <c>NA</c> for
/// a missing value. With <c>append</c> an existing file is extended (its header kept). Flushed after each row.
/// </summary>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    StreamWriter? writer;
    List<string>? keys;
    bool writeHeader = true;

    /// <summary>Keras' <c>filename</c>: the CSV file written.</summary>
    public string filename { get; } = filename ?? throw new ArgumentNullException(nameof(filename));
    /// <summary>Keras' <c>separator</c>: the string between the row's values.</summary>
    public string separator { get; } = separator;
    /// <summary>Keras' <c>append</c>: extend an existing file instead of overwriting it.</summary>
    public bool append { get; } = append;

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        writeHeader = !(append && File.Exists(filename) && new FileInfo(filename).Length > 0);
        writer?.Dispose();
        writer = new StreamWriter(filename, append);
        keys = null;
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        logs ??= [];
        if (keys is null)
        {
            keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (!keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal))) keys.AddRange(keys.Select(k => $"val_{k}").ToList());
            if (writeHeader) writer!.WriteLine(string.Join(separator, ["epoch", .. keys]));
        }
        writer!.WriteLine(string.Join(separator, [epoch.ToString(CultureInfo.InvariantCulture),
            .. keys.Select(k => logs.TryGetValue(k, out double v) ? v.ToString(CultureInfo.InvariantCulture) : "NA")]));
        writer.Flush();
    }

    /// <inheritdoc/>
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        writer?.Dispose();
        writer = null;
    }
}
