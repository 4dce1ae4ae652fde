using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TfNotes.Tuning;

/// <summary>
/// CSV with the columns of Optuna's <c>study.trials_dataframe()</c> (number, value, datetime_start, datetime_complete,
/// duration, params_NAME…, user_attrs_NAME…, system_attrs_NAME…, state; names sorted within each group; values as
/// pandas' <c>to_csv</c> writes them), and JSON with everything.
/// </summary>
internal static class StudyExport
{
    public static string ToCsv(IReadOnlyList<FrozenTrial> trials)
    {
        List<string> Keys(Func<FrozenTrial, IEnumerable<string>> keys) =>
            trials.SelectMany(keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var paramNames = Keys(t => t.Params.Keys);
        var userKeys = Keys(t => t.UserAttributes.Keys);
        var systemKeys = Keys(t => t.SystemAttributes.Keys);
        var csv = new StringBuilder();
        var header = new[] { "number", "value", "datetime_start", "datetime_complete", "duration" }
            .Concat(paramNames.Select(n => "params_" + n))
            .Concat(userKeys.Select(k => "user_attrs_" + k))
            .Concat(systemKeys.Select(k => "system_attrs_" + k))
            .Append("state");
        csv.AppendLine(string.Join(",", header.Select(Escape)));
        foreach (var t in trials)
        {
            var cells = new[]
                {
                    t.Number.ToString(CultureInfo.InvariantCulture),
                    Format(t.Value),
                    PandasTime(t.StartedAt),
                    PandasTime(t.CompletedAt),
                    t.Duration is { } d ? PandasDuration(d) : "",
                }
                .Concat(paramNames.Select(n => t.Params.TryGetValue(n, out var v) ? FormatObject(v) : ""))
                .Concat(userKeys.Select(k => t.UserAttributes.TryGetValue(k, out var v) ? FormatObject(v) : ""))
                .Concat(systemKeys.Select(k => t.SystemAttributes.TryGetValue(k, out var v) ? FormatObject(v) : ""))
                .Append(StateName(t.State));
            csv.AppendLine(string.Join(",", cells.Select(Escape)));
        }
        return csv.ToString();
    }

    /// <summary>pandas' Timestamp text: local time, microseconds only when there are any.</summary>
    private static string PandasTime(DateTimeOffset? time) =>
        time is { } t ? t.DateTime.ToString(t.DateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : "";

    /// <summary>pandas' Timedelta text: "0 days 00:01:02.345678".</summary>
    private static string PandasDuration(TimeSpan d) =>
        $"{d.Days} days {d.Hours:00}:{d.Minutes:00}:{d.Seconds:00}" + (d.Ticks % TimeSpan.TicksPerSecond == 0 ? "" : $".{d.Ticks % TimeSpan.TicksPerSecond / 10:000000}");

    public static string ToJson(Study study, IReadOnlyList<FrozenTrial> trials)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("study", study.Name);
            json.WriteString("direction", study.Direction == StudyDirection.Minimize ? "minimize" : "maximize");
            var best = Study.BestOf(trials, study.Direction);
            if (best is null) json.WriteNull("best_trial");
            else json.WriteNumber("best_trial", best.Number);
            json.WriteStartArray("trials");
            foreach (var t in trials) WriteTrial(json, t);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTrial(Utf8JsonWriter json, FrozenTrial t)
    {
        json.WriteStartObject();
        json.WriteNumber("number", t.Number);
        json.WriteString("state", StateName(t.State));
        WriteNumberOrNull(json, "value", t.Value);
        json.WriteNumber("phase", t.Phase);
        json.WriteString("started_at", t.StartedAt?.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("completed_at", t.CompletedAt?.ToString("O", CultureInfo.InvariantCulture));
        WriteNumberOrNull(json, "duration_s", t.Duration?.TotalSeconds);
        json.WriteString("failure_reason", t.FailureReason);
        json.WriteStartObject("params");
        foreach (var (name, value) in t.Params)
        {
            json.WritePropertyName(name);
            JsonSerializer.Serialize(json, value);
        }
        json.WriteEndObject();
        json.WriteStartObject("distributions");
        foreach (var (name, distribution) in t.Distributions)
        {
            json.WritePropertyName(name);
            json.WriteRawValue(Distributions.DistributionJson.Serialize(distribution));
        }
        json.WriteEndObject();
        json.WriteStartObject("intermediate_values");
        foreach (var (step, value) in t.IntermediateValues.OrderBy(p => p.Key))
            WriteNumberOrNull(json, step.ToString(CultureInfo.InvariantCulture), value);
        json.WriteEndObject();
        foreach (var (name, attributes) in new[] { ("user_attrs", t.UserAttributes), ("system_attrs", t.SystemAttributes) })
        {
            json.WriteStartObject(name);
            foreach (var (key, value) in attributes)
            {
                json.WritePropertyName(key);
                if (value is double v && !double.IsFinite(v)) json.WriteNullValue();
                else JsonSerializer.Serialize(json, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity: such values are written as null.
    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    public static string StateName(TrialState state) => state.ToString().ToUpperInvariant();

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string FormatObject(object? value) => value switch
    {
        null => "",
        double d => Format(d),
        bool b => b ? "True" : "False",
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
