using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TfNotes.Cli.Runs;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes train --resume RUN_DIR</c>: the run's own options (from its metrics.json), the epochs its backup
/// (<c>RUN_DIR/backup</c>, written after every epoch) holds, and their recorded metrics. An option given again must
/// have the run's value (one line names the first that differs); <c>--data-dir</c>, <c>--json</c> and
/// <c>--tensorboard</c> may change.
/// </summary>
internal sealed record TrainResume(RunFolder Folder, RunRecord Record, TrainingOptions Options, IReadOnlyList<EpochRecord> Epochs)
{
    public static string BackupDir(RunFolder folder) => Path.Combine(folder.Path, "backup");

    /// <summary>An option and how it reads in a run's options (for comparing).</summary>
    public sealed record Setting(Option Option, Func<TrainingOptions, object?> Value);

    /// <summary>The resume of <paramref name="runDir"/>, or the one-line reason it cannot be resumed with these arguments.</summary>
    public static (TrainResume? Resume, string? Error) Prepare(string runDir, ParseResult parse, TrainingOptions given, IEnumerable<Setting> settings)
    {
        var folder = new RunFolder(runDir);
        RunRecord record;
        try
        {
            record = folder.Read();
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException or InvalidDataException)
        {
            return (null, $"--resume: {folder.Path} is not a run folder this version reads ({e.Message.ReplaceLineEndings(" ")})");
        }
        if (record.Status == RunRecord.StatusOf(TrainingOutcome.Completed))
            return (null, $"--resume: the run in {folder.Path} is complete (status completed); there is nothing to resume");
        foreach (var setting in settings)
        {
            if (parse.GetResult(setting.Option) is not { Implicit: false }) continue;
            string recorded = Show(setting.Value(record.Hyperparameters)), now = Show(setting.Value(given));
            if (recorded != now)
                return (null, $"--resume: the run in {folder.Path} was trained with {setting.Option.Name} {recorded}, not {setting.Option.Name} {now}; " +
                    "leave the option out to continue it as it was");
        }
        var options = record.Hyperparameters with { DataDir = given.DataDir ?? record.Hyperparameters.DataDir };
        int backedUp;
        try
        {
            backedUp = Trainer.BackedUpEpochs(BackupDir(folder));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FileNotFoundException)
        {
            return (null, $"--resume: {e.Message}");
        }
        if (backedUp > record.Epochs.Count)
            return (null, $"--resume: the backup in {BackupDir(folder)} holds {backedUp} epochs but {folder.MetricsFile} records {record.Epochs.Count}");
        return (new(folder, record, options, record.Epochs.Take(backedUp).ToList()), null);
    }

    static string Show(object? value) => value switch
    {
        null => "(none)",
        int[] sizes => string.Join(",", sizes),
        Enum e => JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
