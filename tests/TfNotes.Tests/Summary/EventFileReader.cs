using System.Diagnostics;
using System.Text.Json;
using TfNotes.TestSupport;

namespace TfNotes.Tests.Summary;

/// <summary>
/// Reads an event file with read_events.py, an independent reader (Debian's protoc, python3-protobuf and
/// python3-crc32c, which the test command installs) that checks every record's framing and masked CRC32C and decodes
/// the events with tfevents.proto, written from TensorFlow's field numbers.
/// </summary>
internal static class EventFileReader
{
    const string Protoc = "/usr/bin/protoc", Python = "/usr/bin/python3";

    static readonly Lazy<string> Generated = new(() =>
    {
        var folder = Scratch.Folder("tfnotes-tfevents-").FullName;
        Run(Protoc, [$"--python_out={folder}", $"--proto_path={Here()}", "tfevents.proto"]);
        return folder;
    });

    static string Here() => Repository.Path("tests", "TfNotes.Tests", "Summary");

    /// <summary>The events of <paramref name="path"/>, one JSON object each, in file order.</summary>
    internal static List<JsonElement> Read(string path) =>
        Run(Python, [Path.Combine(Here(), "read_events.py"), Generated.Value, path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>The reader's exit code and error output for <paramref name="path"/> (for a file it must reject).</summary>
    internal static (int exit, string errors) Check(string path)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(Here(), "read_events.py"), Generated.Value, path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }

    /// <summary>The summary values of <paramref name="path"/> with the step of their event.</summary>
    internal static List<(long step, JsonElement value)> Values(string path) =>
        Read(path).Where(e => e.TryGetProperty("values", out _))
            .SelectMany(e => e.GetProperty("values").EnumerateArray().Select(v => (e.GetProperty("step").GetInt64(), v))).ToList();

    static string Run(string program, string[] arguments)
    {
        Assert.True(File.Exists(program), $"{program} is missing: run scripts/apt-install.sh protobuf-compiler python3-protobuf python3-crc32c");
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} failed: {errors}");
        return output.Result;
    }
}
