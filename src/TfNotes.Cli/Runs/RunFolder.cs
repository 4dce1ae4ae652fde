using System.Text.Json;
using TfNotes.Cli.Plots;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Runs;

/// <summary>
/// A training run's folder: <c>metrics.json</c>, <c>loss.png</c>, <c>accuracy.png</c> and <c>weights.safetensors</c>,
/// rewritten after every epoch. Each file is written to a temporary name and renamed over the old one, so a run
/// killed at any moment leaves complete files that agree with each other (the weights of the last recorded epoch).
/// </summary>
public sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.json");
    public string WeightsFile => System.IO.Path.Combine(Path, "weights.safetensors");
    public string LossPlot => System.IO.Path.Combine(Path, "loss.png");
    public string AccuracyPlot => System.IO.Path.Combine(Path, "accuracy.png");

    /// <summary><c>runs/&lt;timestamp&gt;-&lt;model&gt;</c> under the current directory.</summary>
    public static string DefaultPath(ModelKind model) =>
        System.IO.Path.Combine("runs", $"{DateTime.Now:yyyyMMdd-HHmmss}-{model.CliName()}");

    public void Write(RunRecord record)
    {
        Directory.CreateDirectory(Path);
        WriteAtomically(MetricsFile, temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(record, RunRecord.Json)));
        if (record.Epochs.Count == 0) return;
        WriteAtomically(LossPlot, temporary => File.WriteAllBytes(temporary, EpochPlots.Loss(record.Epochs)));
        WriteAtomically(AccuracyPlot, temporary => File.WriteAllBytes(temporary, EpochPlots.Accuracy(record.Epochs)));
    }

    public void SaveWeights(Trainer trainer) => WriteAtomically(WeightsFile, trainer.SaveWeights);

    public RunRecord Read()
    {
        if (!File.Exists(MetricsFile)) throw new FileNotFoundException($"{Path} is not a run folder: it has no metrics.json");
        return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(MetricsFile), RunRecord.Json)
            ?? throw new InvalidDataException($"{MetricsFile} is empty");
    }

    static void WriteAtomically(string target, Action<string> writeTo)
    {
        var temporary = target + ".tmp";
        writeTo(temporary);
        File.Move(temporary, target, overwrite: true);
    }
}
