using System.Diagnostics;
using TfNotes.TestSupport;
using TfNotes.Tuning.Storage;
using TfNotes.Tuning;

namespace TfNotes.Cli.Tests;

/// <summary>
/// Runs <c>tfnotes tune</c> as a real process: the TfNotes.Cli built beside this test assembly (the project reference
/// copies it here), started as <c>dotnet TfNotes.Cli.dll</c>. Runs are tiny: a few hundred examples, 1–2 epochs,
/// hidden layers of 4–8 units.
/// </summary>
internal sealed class TuneCli : IDisposable
{
    public TuneCli(string study)
    {
        Study = $"{study}-{Guid.NewGuid():N}"[..24];
        Folder = Scratch.Folder("tfnotes-tune-").FullName;
    }

    public string Study { get; }
    public string Folder { get; }
    public string SqliteStorage => $"sqlite:{Path.Combine(Folder, "study.db")}";

    /// <summary>A tiny run of this study; add --trials, --storage and friends.</summary>
    public string[] Arguments(int trainSubset = 300, int epochs = 1, params string[] more) =>
    [
        "tune", "--study", Study, "--output", Folder, "--train-subset", $"{trainSubset}", "--validation", "200",
        "--epochs", $"{epochs}", "--hidden", "4:8", "--seed", "7", .. more.Contains("--data-dir") ? [] : new[] { "--data-dir", TrainCli.DataDir }, .. more,
    ];

    public static Process Start(IEnumerable<string> arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "TfNotes.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: build the solution first");
        return TrainCli.Start([.. arguments]);
    }

    /// <summary>Runs to the end; returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, int timeoutSeconds = 120)
    {
        using var process = Start(arguments);
        return await TrainCli.WaitAsync(process, timeoutSeconds);
    }

    /// <summary>Reads stdout and stderr to their ends at once, so that neither pipe fills up and stalls the process.</summary>
    public static (Task<string> Output, Task<string> Errors) ReadOutputs(Process process) =>
        (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());

    /// <summary>The study's trials as stored, read by the tuning library itself.</summary>
    public static IReadOnlyList<FrozenTrial> Trials(string storageUrl, string study)
    {
        using var storage = StorageUrl.Open(storageUrl);
        return TfNotes.Tuning.Study.CreateOrLoad(study, storage, StudyDirection.Maximize).Trials;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing the database: the temp folder is cleaned by the OS later.
        }
    }
}
