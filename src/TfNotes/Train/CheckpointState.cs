using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TfNotes.Train;

/// <summary>
/// TensorFlow's <c>checkpoint</c> state file in a checkpoint directory, its text format:
/// <code>
/// model_checkpoint_path: "ckpt-3"
/// all_model_checkpoint_paths: "ckpt-2"
/// all_model_checkpoint_paths: "ckpt-3"
/// all_model_checkpoint_timestamps: 1764590000.25
/// …
/// </code>
/// Paths inside the directory are relative to it. Written atomically.
/// </summary>
internal static partial class CheckpointState
{
    internal const string FileName = "checkpoint";

    internal sealed record State(string? Latest, List<string> All, List<double> Timestamps);

    /// <summary>The state of <paramref name="directory"/>, with full paths; null when there is no state file.</summary>
    internal static State? Read(string directory)
    {
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file)) return null;
        string? latest = null;
        var all = new List<string>();
        var timestamps = new List<double>();
        foreach (var line in File.ReadAllLines(file))
        {
            var m = Entry().Match(line);
            if (!m.Success) continue;
            var value = m.Groups[2].Success ? Unescape(m.Groups[2].Value) : m.Groups[3].Value;
            switch (m.Groups[1].Value)
            {
                case "model_checkpoint_path": latest = Full(directory, value); break;
                case "all_model_checkpoint_paths": all.Add(Full(directory, value)); break;
                case "all_model_checkpoint_timestamps":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double t)) timestamps.Add(t);
                    break;
            }
        }
        return new(latest, all, timestamps);
    }

    internal static void Write(string directory, string latest, IReadOnlyList<string> all, IReadOnlyList<double> timestamps)
    {
        var text = new StringBuilder();
        text.Append($"model_checkpoint_path: \"{Escape(Relative(directory, latest))}\"\n");
        foreach (var path in all) text.Append($"all_model_checkpoint_paths: \"{Escape(Relative(directory, path))}\"\n");
        foreach (var t in timestamps) text.Append(CultureInfo.InvariantCulture, $"all_model_checkpoint_timestamps: {t:R}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), text.ToString());
    }

    /// <summary>Makes <paramref name="path"/> the latest checkpoint of its directory (<c>Checkpoint.save</c>), keeping the others listed.</summary>
    internal static void Record(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var state = Read(directory) ?? new(null, [], []);
        var all = state.All.Where(p => p != full && CheckpointFiles.Exists(p)).Append(full).ToList();
        Write(directory, full, all, [.. state.Timestamps.TakeLast(all.Count - 1), Now()]);
    }

    internal static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary><c>tf.train.latest_checkpoint</c>: the state file's latest path when its checkpoint exists, else null.</summary>
    internal static string? Latest(string directory) =>
        Read(Path.GetFullPath(directory)) is { Latest: { } latest } && CheckpointFiles.Exists(latest) ? latest : null;

    static string Full(string directory, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(directory, path));

    static string Relative(string directory, string path)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }

    static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
    static string Unescape(string s) => s.Replace("\\\"", "\"").Replace("\\\\", "\\");

    [GeneratedRegex("""^\s*(\w+)\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))\s*$""")]
    private static partial Regex Entry();
}
