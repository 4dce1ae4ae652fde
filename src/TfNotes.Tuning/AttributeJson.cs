using System.Globalization;
using System.Text.Json;

namespace TfNotes.Tuning;

/// <summary>
/// Attribute values as Optuna stores them (<c>value_json</c>: <c>json.dumps</c> of the value) and as TfNotes hands them
/// out: numbers as double, strings, bools, null; lists and objects as <see cref="JsonElement"/>. Python's bare
/// <c>NaN</c>/<c>Infinity</c>, which are not JSON, are read and written as Optuna writes them.
/// </summary>
public static class AttributeJson
{
    /// <summary>Optuna's <c>value_json</c> of an attribute value: <c>json.dumps</c>'s text, with Python's bare
    /// <c>NaN</c> and <c>Infinity</c>.</summary>
    public static string Encode(object? value) => value switch
    {
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsPositiveInfinity(d) => "Infinity",
        double d when double.IsNegativeInfinity(d) => "-Infinity",
        float f => Encode((double)f),
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>An attribute value from Optuna's <c>value_json</c>: a number as double, a string, bool or null, a list
    /// or object as a <see cref="System.Text.Json.JsonElement"/>.</summary>
    public static object? Decode(string json)
    {
        switch (json.Trim())
        {
            case "NaN": return double.NaN;
            case "Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Number => root.GetDouble(),
            JsonValueKind.String => root.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => root.Clone(),
        };
    }

    /// <summary>A number attribute (stored as a number, or as text by older TfNotes), else null.</summary>
    public static double? AsNumber(object? value) => value switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
