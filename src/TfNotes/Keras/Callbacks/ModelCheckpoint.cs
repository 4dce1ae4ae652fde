using System.Globalization;
using System.Text.RegularExpressions;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.ModelCheckpoint</c>: saves the weights after every epoch (or every <c>save_freq</c> batches),
/// or with <c>save_best_only</c> only when the monitored value improves. The file path may name the epoch (from 1)
/// and any logged value, Python-style: <c>"ckpt-{epoch:02d}-{val_loss:.2f}.weights.safetensors"</c>. TfNotes saves
/// weights (safetensors), not whole models: <c>save_weights_only</c> must be true and the path end in
/// <c>.safetensors</c>, where Keras asks for <c>.weights.h5</c>.
/// </summary>
public sealed partial class ModelCheckpoint : MonitorCallback
{
    int batchesSinceSave;
    int currentEpoch;

    /// <summary>Keras' <c>ModelCheckpoint(filepath, ...)</c>; TfNotes requires <c>save_weights_only: true</c>, a path ending in <c>.safetensors</c> and a positive <c>save_freq</c> (null: every epoch).</summary>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false, bool save_weights_only = false,
        string mode = "auto", int? save_freq = null, double? initial_value_threshold = null) : base(monitor, mode, initial_value_threshold, 0)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!save_weights_only)
            throw new ArgumentException("ModelCheckpoint: TfNotes saves weights, not whole models (.keras); pass save_weights_only: true and a path " +
                $"ending in .safetensors. Received: filepath={filepath}", nameof(save_weights_only));
        if (!filepath.EndsWith(".safetensors", StringComparison.Ordinal))
            throw new ArgumentException("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.safetensors` " +
                $"(TfNotes' weights format; Keras' is .weights.h5). Received: filepath={filepath}", nameof(filepath));
        if (save_freq is <= 0) throw new ArgumentOutOfRangeException(nameof(save_freq), save_freq, "ModelCheckpoint: save_freq must be a positive number of batches (null: every epoch)");
        (this.filepath, this.verbose, this.save_best_only, this.save_weights_only, this.save_freq) = (filepath, verbose, save_best_only, save_weights_only, save_freq);
    }

    /// <summary>Keras' <c>filepath</c>: where the weights are saved, with <c>{epoch}</c>, <c>{batch}</c> and logged names formatted in.</summary>
    public string filepath { get; }
    /// <summary>Keras' <c>verbose</c>: above 0, prints each save (or, with <see cref="save_best_only"/>, why not).</summary>
    public int verbose { get; }
    /// <summary>Keras' <c>save_best_only</c>: save only when the monitored value improves on the best.</summary>
    public bool save_best_only { get; }
    /// <summary>Keras' <c>save_weights_only</c>: always true here (TfNotes saves weights, not whole models).</summary>
    public bool save_weights_only { get; }
    /// <summary>Keras' <c>save_freq</c>: save every this many training batches; null saves at the end of each epoch (Keras' "epoch").</summary>
    public int? save_freq { get; }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => currentEpoch = epoch;

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (save_freq is not { } every || ++batchesSinceSave < every) return;
        batchesSinceSave = 0;
        Save(currentEpoch, batch, logs);
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (save_freq is null) Save(epoch, null, logs);
    }

    void Save(int epoch, int? batch, Dictionary<string, double>? logs)
    {
        var path = FilePath(epoch, batch, logs ?? []);
        if (save_best_only)
        {
            if (MonitorValue(logs, "Saving the best model") is not { } current) return;
            string bestText = best is { } b ? b.ToString("F5", CultureInfo.InvariantCulture) : "None";
            if (!IsImprovement(current, best))
            {
                if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {monitor} did not improve from {bestText}");
                return;
            }
            if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: {monitor} improved from {bestText} to {current:F5}, saving model to {path}");
            best = current;
        }
        else if (verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        Model.save_weights(path);
    }

    /// <summary>The path with <c>{name}</c> and <c>{name:spec}</c> (Python's <c>02d</c>, <c>.4f</c>, <c>e</c>) replaced.</summary>
    string FilePath(int epoch, int? batch, Dictionary<string, double> logs) => Field().Replace(filepath, m =>
    {
        string key = m.Groups[1].Value, spec = m.Groups[2].Value;
        double value = key switch
        {
            "epoch" => epoch + 1,
            "batch" when batch is not null => batch.Value + 1,
            _ when logs.TryGetValue(key, out double v) => v,
            _ => throw new KeyNotFoundException($"Failed to format this callback filepath: \"{filepath}\". Reason: '{key}' (the logs have: {string.Join(", ", logs.Keys)})"),
        };
        return Format(value, spec, key is "epoch" or "batch");
    });

    static string Format(double value, string spec, bool integer)
    {
        var c = CultureInfo.InvariantCulture;
        if (spec.Length == 0) return integer ? ((long)value).ToString(c) : value.ToString(c);
        var m = Spec().Match(spec);
        if (!m.Success) throw new FormatException($"ModelCheckpoint: unsupported format spec '{spec}' (use e.g. 02d, .4f, .2e)");
        int width = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, c) : 0;
        int precision = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, c) : 6;
        string text = m.Groups[3].Value switch
        {
            "d" => ((long)value).ToString(c),
            "e" => value.ToString("0." + new string('0', precision) + "e+00", c),
            _ => value.ToString("F" + precision, c),
        };
        return spec.StartsWith('0') ? text.PadLeft(width, '0') : text.PadLeft(width);
    }

    [GeneratedRegex(@"\{(\w+)(?::([^}]*))?\}")] private static partial Regex Field();
    [GeneratedRegex(@"^0?(\d+)?(?:\.(\d+))?([dfe])$")] private static partial Regex Spec();
}
