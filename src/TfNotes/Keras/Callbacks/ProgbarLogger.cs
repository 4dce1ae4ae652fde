using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.ProgbarLogger</c>, which <c>fit</c>, <c>evaluate</c> and <c>predict</c> add unless
/// <c>verbose</c> is 0, drawn with Spectre.Console. In a terminal with <c>verbose=1</c> it is Keras' live bar,
/// redrawn at most every 50 ms:
/// <code>
/// Epoch 1/5
///  412/1875 ━━━━╸━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.7764 - loss: 0.6428
/// </code>
/// ending each epoch with its elapsed time and the epoch's values (validation ones included). When the output is
/// not a terminal, or with <c>verbose=2</c>, each epoch prints one line, Keras' <c>verbose=2</c> form:
/// <c>1875/1875 - 3s - 1ms/step - accuracy: 0.8616 - loss: 0.4725</c>.
/// </summary>
public sealed class ProgbarLogger : Callback
{
    const int Width = 20;
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    readonly IAnsiConsole console;
    readonly Stopwatch clock = new();
    long? target;
    int seen;
    double? timeAfterFirstStep;
    TimeSpan lastUpdate;
    bool calledInFit;
    int previousWidth;

    /// <summary>Keras' <c>ProgbarLogger()</c>, writing to the standard console.</summary>
    public ProgbarLogger() : this(AnsiConsole.Console) { }

    internal ProgbarLogger(IAnsiConsole console) => this.console = console;

    int Verbose => @params.TryGetValue("verbose", out var v) && v is int n ? n : 1;
    int Epochs => @params.TryGetValue("epochs", out var e) && e is int n ? n : 1;
    bool Dynamic => Verbose == 1 && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null) => calledInFit = true;

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null)
    {
        Reset(@params.TryGetValue("steps", out var s) ? s as long? : null);
        if (Verbose != 0 && Epochs > 1) Line($"Epoch {epoch + 1}/{Epochs}");
    }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) => Update(batch + 1, logs, finalize: false);

    /// <inheritdoc/>
    public override void on_test_begin(Dictionary<string, double>? logs = null)
    {
        if (!calledInFit) Reset(@params.TryGetValue("steps", out var s) ? s as long? : null);
    }

    /// <inheritdoc/>
    public override void on_test_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (!calledInFit) Update(batch + 1, logs, finalize: false);
    }

    /// <inheritdoc/>
    public override void on_predict_begin(Dictionary<string, double>? logs = null) => Reset(@params.TryGetValue("steps", out var s) ? s as long? : null);
    /// <inheritdoc/>
    public override void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) => Update(batch + 1, null, finalize: false);

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) => Finish(logs);

    /// <inheritdoc/>
    public override void on_test_end(Dictionary<string, double>? logs = null)
    {
        if (!calledInFit) Finish(logs);
    }

    /// <inheritdoc/>
    public override void on_predict_end(Dictionary<string, double>? logs = null) => Finish(null);

    void Reset(long? steps)
    {
        (target, seen, timeAfterFirstStep, lastUpdate, previousWidth) = (steps, 0, null, TimeSpan.Zero, 0);
        clock.Restart();
    }

    void Finish(Dictionary<string, double>? logs)
    {
        target ??= seen;
        Update(seen, logs, finalize: true);
    }

    void Update(int current, Dictionary<string, double>? logs, bool finalize)
    {
        if (Verbose == 0) return;
        var now = clock.Elapsed;
        double perStep = StepDuration(current, now.TotalSeconds);
        seen = current;
        if (!finalize && (!Dynamic || now - lastUpdate < Interval)) return;
        lastUpdate = now;
        var metrics = string.Concat((logs ?? []).Select(e => $" - {e.Key}: {Value(e.Value)}"));
        var c = CultureInfo.InvariantCulture;
        if (!Dynamic)
        {
            Line($"{Count(current)} - {now.TotalSeconds.ToString("F0", c)}s -{PerStep(perStep)}{metrics}");
            return;
        }
        string bar;
        int plainWidth;
        if (target is > 0 and var t)
        {
            int done = (int)(Width * Math.Min(1.0, (double)current / t));
            bar = $"[bold]{Count(current)}[/] " + (done > 0 ? $"[green]{new string('━', done)}[/]" : "") + $"[grey]{new string('━', Width - done)}[/]";
            plainWidth = Count(current).Length + 1 + Width;
        }
        else
        {
            bar = $"{current,7}/Unknown";
            plainWidth = bar.Length;
        }
        string time = !finalize && target is > 0 ? Eta(perStep * (target.Value - current)) : $"{now.TotalSeconds.ToString("F0", c)}s";
        int fixedWidth = plainWidth + 1 + time.Length + PerStep(perStep).Length;
        // A live line must fit the terminal, or the carriage return redraws only its last row: the metrics are cut.
        // The final line is written whole (the terminal wraps it), as Keras.
        int room = console.Profile.Width - 1 - fixedWidth;
        if (!finalize && metrics.Length > room) metrics = room > 1 ? metrics[..(room - 1)] + "…" : "";
        string info = $" [bold]{time}[/]{PerStep(perStep)}{Markup.Escape(metrics)}";
        int width = fixedWidth + metrics.Length;
        string padding = new(' ', Math.Max(0, previousWidth - width));
        previousWidth = width;
        console.WriteAnsi("\r");
        int terminalWidth = console.Profile.Width;
        if (finalize) console.Profile.Width = Math.Max(terminalWidth, width + padding.Length + 1);
        console.Markup(bar + info + padding);
        console.Profile.Width = terminalWidth;
        if (finalize) console.WriteLine();
    }

    /// <summary>A whole line, unwrapped (Keras' lines run past the console width).</summary>
    void Line(string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    string Count(int current)
    {
        if (target is not > 0) return $"{current,7}/Unknown";
        int digits = (int)Math.Floor(Math.Log10(target.Value)) + 1;
        return $"{current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)}/{target}";
    }

    /// <summary>Keras' estimate: the mean step time after the first step (which includes warm-up), else the mean so far.</summary>
    double StepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double perStep = timeAfterFirstStep is { } after && current > 1 ? (now - after) / (current - 1) : now / current;
        if (current == 1) timeAfterFirstStep = now;
        return perStep;
    }

    static string PerStep(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        return seconds >= 1 || seconds == 0 ? $" {seconds.ToString("F0", c)}s/step"
            : seconds >= 1e-3 ? $" {(seconds * 1e3).ToString("F0", c)}ms/step"
            : $" {(seconds * 1e6).ToString("F0", c)}us/step";
    }

    static string Eta(double seconds)
    {
        long s = (long)seconds;
        return seconds > 3600 ? $"{s / 3600}:{s % 3600 / 60:D2}:{s % 60:D2}" : seconds > 60 ? $"{s / 60}:{s % 60:D2}" : $"{s}s";
    }

    static string Value(double v) =>
        Math.Abs(v) > 1e-3 ? v.ToString("F4", CultureInfo.InvariantCulture) : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
}
