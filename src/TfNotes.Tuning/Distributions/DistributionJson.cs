using System.Globalization;
using System.Text.Json;

namespace TfNotes.Tuning.Distributions;

/// <summary>
/// Distributions in Optuna's JSON (<c>optuna.distributions.distribution_to_json</c>), so Optuna reads TfNotes' trials
/// and TfNotes reads Optuna's: <c>{"name": "FloatDistribution", "attributes": {"low": …, "high": …, "log": …,
/// "step": …}}</c>, <c>IntDistribution</c>, <c>CategoricalDistribution</c> (<c>"choices"</c>), and Optuna 2's names on
/// reading. A reverse-log range has no Optuna form: it is written as a plain float range and its scale is kept beside
/// it (a trial system attribute, see <see cref="Storage.OptunaSchema"/>), which <see cref="Deserialize"/> is told.
/// </summary>
public static class DistributionJson
{
    /// <summary>Optuna's <c>distribution_to_json</c> of <paramref name="distribution"/> (a reverse-log range as a plain
    /// float range).</summary>
    public static string Serialize(Distribution distribution)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (distribution)
            {
                case IntDistribution i:
                    writer.WriteString("name", "IntDistribution");
                    writer.WriteStartObject("attributes");
                    writer.WriteBoolean("log", i.Scale == ParameterScale.Log);
                    writer.WriteNumber("step", i.Step);
                    writer.WriteNumber("low", i.Low);
                    writer.WriteNumber("high", i.High);
                    writer.WriteEndObject();
                    break;
                case FloatDistribution f:
                    writer.WriteString("name", "FloatDistribution");
                    writer.WriteStartObject("attributes");
                    if (f.Step is { } step) writer.WriteNumber("step", step);
                    else writer.WriteNull("step");
                    writer.WriteNumber("low", f.Low);
                    writer.WriteNumber("high", f.High);
                    writer.WriteBoolean("log", f.Scale == ParameterScale.Log);
                    writer.WriteEndObject();
                    break;
                case CategoricalDistribution c:
                    writer.WriteString("name", "CategoricalDistribution");
                    writer.WriteStartObject("attributes");
                    writer.WritePropertyName("choices");
                    WriteChoices(writer, c.Choices);
                    writer.WriteEndObject();
                    break;
                default:
                    throw new NotSupportedException($"cannot store {distribution.GetType().Name}");
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// A distribution from Optuna's JSON; a float range is read on <paramref name="floatScale"/> when TfNotes stored one
    /// (reverse-log), otherwise on the scale the JSON says.
    /// </summary>
    public static Distribution Deserialize(string json, ParameterScale? floatScale = null)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("name", out var nameElement) || !root.TryGetProperty("attributes", out var a))
            throw new FormatException($"not an Optuna distribution: {json}");
        var name = nameElement.GetString();
        double Number(string key) => a.GetProperty(key).GetDouble();
        bool Log() => a.TryGetProperty("log", out var log) && log.GetBoolean();
        double? OptionalStep(string key) => a.TryGetProperty(key, out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
        int IntStep() => OptionalStep("step") is { } s ? (int)s : 1;
        return name switch
        {
            "FloatDistribution" => new FloatDistribution(Number("low"), Number("high"),
                floatScale ?? (Log() ? ParameterScale.Log : ParameterScale.Linear), OptionalStep("step")),
            "IntDistribution" => new IntDistribution((int)Number("low"), (int)Number("high"), Log(), IntStep()),
            "CategoricalDistribution" => new CategoricalDistribution(a.GetProperty("choices").EnumerateArray().Select(ToPrimitive)),
            // Optuna 2's distributions, which Optuna 3 still reads.
            "UniformDistribution" => new FloatDistribution(Number("low"), Number("high"), floatScale ?? ParameterScale.Linear),
            "LogUniformDistribution" => new FloatDistribution(Number("low"), Number("high"), ParameterScale.Log),
            "DiscreteUniformDistribution" => new FloatDistribution(Number("low"), Number("high"), step: Number("q")),
            "IntUniformDistribution" => new IntDistribution((int)Number("low"), (int)Number("high"), step: IntStep()),
            "IntLogUniformDistribution" => new IntDistribution((int)Number("low"), (int)Number("high"), log: true),
            _ => throw new FormatException($"unknown Optuna distribution '{name}' in {json}"),
        };
    }

    /// <summary>The name TfNotes stores a scale under: <c>"linear"</c>, <c>"log"</c> or <c>"reverse_log"</c>.</summary>
    public static string ScaleName(ParameterScale scale) => scale switch
    {
        ParameterScale.Log => "log",
        ParameterScale.ReverseLog => "reverse_log",
        _ => "linear",
    };

    /// <summary>The scale of a name <see cref="ScaleName"/> gives; another name is a <see
    /// cref="FormatException"/>.</summary>
    public static ParameterScale ParseScale(string? name) => name switch
    {
        "log" => ParameterScale.Log,
        "reverse_log" => ParameterScale.ReverseLog,
        "linear" => ParameterScale.Linear,
        _ => throw new FormatException($"unknown scale '{name}'"),
    };

    /// <summary>Choices as Optuna allows them: null, bool, int, float, str (others are refused: Optuna could not read them).</summary>
    static void WriteChoices(Utf8JsonWriter writer, IReadOnlyList<object?> choices)
    {
        writer.WriteStartArray();
        foreach (var choice in choices)
        {
            switch (choice)
            {
                case null: writer.WriteNullValue(); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case string s: writer.WriteStringValue(s); break;
                case int or long or short or byte or sbyte or uint or ushort: writer.WriteNumberValue(Convert.ToInt64(choice, CultureInfo.InvariantCulture)); break;
                case double or float or decimal: writer.WriteNumberValue(Convert.ToDouble(choice, CultureInfo.InvariantCulture)); break;
                default:
                    throw new ArgumentException(
                        $"choice {choice} is a {choice.GetType().Name}: categorical choices must be null, bool, a number or a string (as in Optuna)");
            }
        }
        writer.WriteEndArray();
    }

    // Choices come back as the plainest CLR type that holds them: int before long before double.
    private static object? ToPrimitive(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => element.GetRawText(),
    };
}
