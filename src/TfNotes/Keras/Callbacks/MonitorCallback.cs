using TfNotes.Keras.Metrics;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// Keras' <c>MonitorCallback</c>, the base of callbacks that watch one logged value: <c>mode</c> "min", "max" or
/// "auto" (from the metric: the loss and errors decrease, accuracies increase; anything else is an error asking for
/// a mode), and an improvement is a change of more than <c>min_delta</c> in that direction.
/// </summary>
public abstract class MonitorCallback : Callback
{
    bool? increases;
    double delta;

    private protected MonitorCallback(string monitor, string mode, double? baseline, double min_delta)
    {
        if (mode is not ("auto" or "min" or "max"))
        {
            KerasWarnings.Warn($"{GetType().Name} mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.monitor = monitor;
        this.mode = mode;
        best = baseline;
        this.min_delta = Math.Abs(min_delta);
    }

    /// <summary>Keras' <c>monitor</c>: the name of the logged value watched, e.g. <c>val_loss</c>.</summary>
    public string monitor { get; }
    /// <summary>Keras' <c>mode</c>: "min", "max" or "auto" (an unknown mode falls back to "auto" with a warning).</summary>
    public string mode { get; }
    /// <summary>Keras' <c>min_delta</c> (its absolute value): the smallest change that counts as an improvement.</summary>
    public double min_delta { get; }

    /// <summary>The best value seen (or the baseline / initial threshold until one is).</summary>
    public double? best { get; protected set; }

    /// <summary>Whether <paramref name="current"/> improves on <paramref name="reference"/> by more than min_delta (always when there is none).</summary>
    protected bool IsImprovement(double current, double? reference)
    {
        increases ??= Direction();
        if (reference is not { } r) return true;
        return increases.Value ? current - delta > r : current - delta < r;
    }

    bool Direction()
    {
        bool up = mode switch
        {
            "min" => false,
            "max" => true,
            _ => AutoDirection(),
        };
        delta = up ? min_delta : -min_delta;
        return up;
    }

    bool AutoDirection()
    {
        var metric = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        if (metric == "loss") return false;
        var direction = model?.metrics.FirstOrDefault(m => m.name == metric)?.Direction;
        return direction switch
        {
            "up" => true,
            "down" => false,
            _ => throw new ArgumentException($"{GetType().Name} callback received monitor={monitor}, but Keras isn't able to automatically determine " +
                "whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, " +
                "or pass `mode='min'` in order to use the lowest value.", nameof(monitor)),
        };
    }

    /// <summary>The monitored value in <paramref name="logs"/>, or null with Keras' warning naming what is there.</summary>
    protected double? MonitorValue(Dictionary<string, double>? logs, string what)
    {
        if (logs is not null && logs.TryGetValue(monitor, out double value)) return value;
        KerasWarnings.Warn($"{what} conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", logs?.Keys.AsEnumerable() ?? [])}");
        return null;
    }
}
