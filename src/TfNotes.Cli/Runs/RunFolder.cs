using System.Runtime.InteropServices;
using System.Text.Json;
using TfNotes.Cli.Plots;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Runs;

/// <summary>
/// A training run's folder: <c>metrics.json</c>, <c>loss.png</c>, <c>accuracy.png</c>, the weights of one epoch
/// (<c>weights-epoch-N.safetensors</c>) and the run's <c>.lock</c>, rewritten after every epoch so that a run killed
/// at any moment leaves files that agree: the epoch's weights are written first, then the record naming them (the
/// record is the manifest, written last), then the weights it no longer names are deleted. Every file is written to a
/// temporary name, fsynced and renamed over the old one, and the folder is fsynced after each rename.
/// </summary>
public sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.json");
    public string LossPlot => System.IO.Path.Combine(Path, "loss.png");
    public string AccuracyPlot => System.IO.Path.Combine(Path, "accuracy.png");
    public string WeightsFile(int epoch) => System.IO.Path.Combine(Path, $"weights-epoch-{epoch}.safetensors");
    const string AnyWeightsFile = "weights-epoch-*.safetensors";

    /// <summary><c>runs/&lt;timestamp&gt;-&lt;model&gt;</c> under the current directory.</summary>
    public static string DefaultPath(ModelKind model) =>
        System.IO.Path.Combine("runs", $"{DateTime.Now:yyyyMMdd-HHmmss}-{model.CliName()}");

    /// <summary>Creates the folder of a new run and locks it for this process; refuses a folder that is in use, holds a run or cannot be written.</summary>
    public RunFolderLock Claim()
    {
        var held = Lock();
        if (File.Exists(MetricsFile))
        {
            held.Dispose();
            throw new ArgumentException($"--out: {Path} already holds a run (metrics.json); choose another folder");
        }
        return held;
    }

    /// <summary>Locks the folder of a run to continue (<c>--resume</c>); refuses one that is in use.</summary>
    public RunFolderLock ClaimToResume() => Lock();

    RunFolderLock Lock()
    {
        if (File.Exists(Path)) throw new ArgumentException($"--out: {Path} is a file, not a folder");
        try
        {
            Directory.CreateDirectory(Path);
            return RunFolderLock.Acquire(Path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException and not RunFolderInUseException)
        {
            throw new ArgumentException($"--out: {Path} cannot be used as a run folder: {e.Message}", e);
        }
    }

    /// <summary>Writes the record (the manifest), deletes the weights it does not name, then redraws the plots.</summary>
    public void Write(RunRecord record)
    {
        WriteAtomically(MetricsFile, temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(record, RunRecord.Json)));
        foreach (var weights in Directory.GetFiles(Path, AnyWeightsFile))
            if (record.WeightsEpoch is not { } epoch || weights != WeightsFile(epoch)) File.Delete(weights);
        if (record.Epochs.Count == 0) return;
        WriteAtomically(LossPlot, temporary => File.WriteAllBytes(temporary, EpochPlots.Loss(record.Epochs)));
        WriteAtomically(AccuracyPlot, temporary => File.WriteAllBytes(temporary, EpochPlots.Accuracy(record.Epochs)));
    }

    /// <summary>Writes the model's weights as epoch <paramref name="epoch"/>'s (save_weights writes, fsyncs and renames).</summary>
    public void SaveWeights(Trainer trainer, int epoch)
    {
        trainer.SaveWeights(WeightsFile(epoch));
        SyncFolder();
    }

    public RunRecord Read()
    {
        if (!File.Exists(MetricsFile)) throw new FileNotFoundException($"{Path} is not a run folder: it has no metrics.json");
        RunRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(MetricsFile), RunRecord.Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{MetricsFile} is not a run record this version reads ({e.Message})", e);
        }
        if (record is null) throw new InvalidDataException($"{MetricsFile} holds null, not a run record");
        if (record.ChosenEpoch is { } chosen && !record.Epochs.Any(e => e.Epoch == chosen))
            throw new InvalidDataException($"{MetricsFile} chose epoch {chosen}, which it does not record");
        return record;
    }

    /// <summary>The weights file of <paramref name="record"/>'s final epoch, after checking that the record names it and it exists.</summary>
    public string WeightsOf(RunRecord record)
    {
        if (record.Final is not { } final) throw new InvalidDataException($"{Path}: the run recorded no finished epoch, so it has no weights to load");
        if (record.WeightsEpoch is not { } named)
            throw new InvalidDataException($"{Path}: metrics.json reports epoch {final.Epoch} but names no weights file " +
                "(folders of a TfNotes before weights-epoch-N.safetensors are not read); train again");
        if (named != final.Epoch)
            throw new InvalidDataException($"{Path}: metrics.json reports epoch {final.Epoch} but names the weights of epoch {named}: " +
                "the folder's files disagree; train again");
        var weights = WeightsFile(final.Epoch);
        if (!File.Exists(weights)) throw new InvalidDataException($"{Path}: metrics.json names {System.IO.Path.GetFileName(weights)}, which is missing");
        return weights;
    }

    void WriteAtomically(string target, Action<string> writeTo)
    {
        var temporary = target + ".tmp";
        writeTo(temporary);
        using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite)) file.Flush(flushToDisk: true);
        File.Move(temporary, target, overwrite: true);
        SyncFolder();
    }

    /// <summary>fsync on the folder, so that its renames survive a power loss too (a no-op where folders cannot be opened: Windows).</summary>
    void SyncFolder()
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = open(Path, ORdOnly);
        if (fd < 0) throw new IOException($"{Path}: cannot open the folder to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"{Path}: fsync failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            close(fd);
        }
    }

    const int ORdOnly = 0;

    [DllImport("libc", SetLastError = true)]
    static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    static extern int fsync(int fd);

    [DllImport("libc")]
    static extern int close(int fd);
}
