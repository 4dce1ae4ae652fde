using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TfNotes.Notebooks.Tests;

/// <summary>
/// The text a notebook's code cells printed (stream output and the text/plain of results and displays; images and
/// HTML aside), and how a fresh execution differs from the saved one: line by line, every number as printed (so to its
/// printed precision), timing lines excepted.
/// </summary>
public static partial class NotebookOutputs
{
    /// <summary>The text of each code cell, by the cell's 1-based position among all cells.</summary>
    public static IReadOnlyList<(int Cell, string Text)> Texts(string notebookJson)
    {
        var cells = JsonNode.Parse(notebookJson)!["cells"]!.AsArray();
        var texts = new List<(int, string)>();
        for (var i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]!["cell_type"] != "code") continue;
            var text = string.Concat(cells[i]!["outputs"]!.AsArray().Select(o => o!["output_type"]!.GetValue<string>() == "stream"
                ? Joined(o["text"])
                : Joined(o["data"]?["text/plain"]) is { Length: > 0 } plain ? plain.TrimEnd('\n') + "\n" : ""));
            texts.Add((i + 1, text.Replace("\r\n", "\n")));
        }
        return texts;
    }

    /// <summary>Every line where <paramref name="fresh"/> differs from <paramref name="saved"/>, described; empty when it reproduces.</summary>
    public static IReadOnlyList<string> Differences(string saved, string fresh)
    {
        var (before, after) = (Texts(saved), Texts(fresh));
        if (before.Count != after.Count) return [$"{before.Count} code cells saved, {after.Count} executed"];
        var differences = new List<string>();
        foreach (var ((cell, was), (_, now)) in before.Zip(after))
        {
            var (wasLines, nowLines) = (was.TrimEnd('\n').Split('\n'), now.TrimEnd('\n').Split('\n'));
            var differing = Enumerable.Range(0, Math.Max(wasLines.Length, nowLines.Length)).Where(i =>
            {
                var (a, b) = (i < wasLines.Length ? wasLines[i] : null, i < nowLines.Length ? nowLines[i] : null);
                return a != b && !(a is not null && b is not null && IsTiming(a) && IsTiming(b));
            }).ToList();
            if (differing.Count == 0) continue;
            string Describe(int i)
            {
                var (a, b) = (i < wasLines.Length ? wasLines[i] : null, i < nowLines.Length ? nowLines[i] : null);
                return $"cell {cell}, output line {i + 1}: saved \"{a ?? "(none)"}\", fresh \"{b ?? "(none)"}\"{FirstNumber(a, b)}";
            }
            if (wasLines.Length == nowLines.Length) differences.AddRange(differing.Select(Describe));
            else differences.Add($"{Describe(differing[0])} ({wasLines.Length} lines saved, {nowLines.Length} printed)");
        }
        return differences;
    }

    /// <summary>A line reporting elapsed time ("(0.8 s)", "24 trials in 5.1 s"): it differs run to run.</summary>
    public static bool IsTiming(string line) => Timing().IsMatch(line);

    static string FirstNumber(string? a, string? b)
    {
        if (a is null || b is null) return "";
        var (x, y) = (Number().Matches(a), Number().Matches(b));
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            if (x[i].Value != y[i].Value) return $" (number {i + 1}: {x[i].Value} → {y[i].Value})";
        return "";
    }

    static string Joined(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => node.GetValue<string>(),
    };

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(s|ms|µs|seconds)\b")]
    private static partial Regex Timing();

    [GeneratedRegex(@"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();
}
