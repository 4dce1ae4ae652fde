using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TfNotes.Tuning;

/// <summary>CSV (one row per trial, one column per parameter) and JSON (everything) views of a study.</summary>
internal static class StudyExport
{
    public static string ToCsv(IReadOnlyList<FrozenTrial> trials)
    {
        var paramNames = trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        var header = new[] { "number", "state", "value", "phase", "started_at", "completed_at", "duration_s", "last_step", "failure_reason" }
            .Concat(paramNames.Select(n => "param_" + n));
        csv.AppendLine(string.Join(",", header.Select(Escape)));
        foreach (var t in trials)
        {
            var cells = new[]
            {
                t.Number.ToString(CultureInfo.InvariantCulture),
                StateName(t.State),
                Format(t.Value),
                t.Phase.ToString(CultureInfo.InvariantCulture),
                t.StartedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                t.CompletedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                Format(t.Duration?.TotalSeconds),
                t.LastStep?.ToString(CultureInfo.InvariantCulture) ?? "",
                t.FailureReason ?? "",
            }.Concat(paramNames.Select(n => t.Params.TryGetValue(n, out var v) ? FormatObject(v) : ""));
            csv.AppendLine(string.Join(",", cells.Select(Escape)));
        }
        return csv.ToString();
    }

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
        json.WriteStartObject("attributes");
        foreach (var (key, value) in t.Attributes) json.WriteString(key, value);
        json.WriteEndObject();
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
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
