using System.Text.Json;

namespace TfNotes.Tuning.Distributions;

/// <summary>Stores distributions as JSON beside each parameter, so any process can read a trial back.</summary>
public static class DistributionJson
{
    public static string Serialize(Distribution distribution)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (distribution)
            {
                case NumericDistribution n:
                    writer.WriteString("type", n is IntDistribution ? "int" : "float");
                    writer.WriteNumber("low", n.Low);
                    writer.WriteNumber("high", n.High);
                    writer.WriteString("scale", ScaleName(n.Scale));
                    break;
                case CategoricalDistribution c:
                    writer.WriteString("type", "categorical");
                    writer.WritePropertyName("choices");
                    JsonSerializer.Serialize(writer, c.Choices);
                    break;
                default:
                    throw new NotSupportedException($"cannot store {distribution.GetType().Name}");
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Distribution Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString();
        return type switch
        {
            "float" => new FloatDistribution(root.GetProperty("low").GetDouble(), root.GetProperty("high").GetDouble(),
                ParseScale(root.GetProperty("scale").GetString())),
            "int" => new IntDistribution(root.GetProperty("low").GetInt32(), root.GetProperty("high").GetInt32(),
                ParseScale(root.GetProperty("scale").GetString()) == ParameterScale.Log),
            "categorical" => new CategoricalDistribution(root.GetProperty("choices").EnumerateArray().Select(ToPrimitive)),
            _ => throw new FormatException($"unknown distribution type '{type}'"),
        };
    }

    public static string ScaleName(ParameterScale scale) => scale switch
    {
        ParameterScale.Log => "log",
        ParameterScale.ReverseLog => "reverse_log",
        _ => "linear",
    };

    private static ParameterScale ParseScale(string? name) => name switch
    {
        "log" => ParameterScale.Log,
        "reverse_log" => ParameterScale.ReverseLog,
        "linear" => ParameterScale.Linear,
        _ => throw new FormatException($"unknown scale '{name}'"),
    };

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
