using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using TfNotes.Cli.Runs;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes evaluate --run DIR</c>: rebuilds a run's model, loads its weights (the chosen epoch's, or the last
/// finished one's), says which epoch's they are and measures the test accuracy again. A folder whose record and
/// weights disagree, or that cannot be read, is refused with one line (exit 2).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "a run folder written by tfnotes train", Required = true };
        run.Validators.Add(r =>
        {
            var path = r.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(path)) r.AddError($"--run must be a run folder's path, got '{path}'");
            else if (new RunFolder(path) is var folder && !File.Exists(folder.MetricsFile)) r.AddError($"--run: {folder.Path} is not a run folder (it has no metrics.json)");
        });
        var dataDir = new Option<string?>("--data-dir") { Description = "folder with the Fashion-MNIST .gz files (default: the run's)" }.FashionMnistFolder();
        var json = new Option<bool>("--json") { Description = "print one JSON object as the last stdout line" };

        var command = new Command("evaluate", "Reload a training run's weights and print its test accuracy") { run, dataDir, json };
        command.SetAction(parse => Run(new RunFolder(parse.GetValue(run)!), parse.GetValue(dataDir), parse.GetValue(json)));
        return command;
    }

    static int Run(RunFolder folder, string? dataDir, bool json)
    {
        var record = folder.Read();
        var weights = folder.WeightsOf(record);
        var options = record.Hyperparameters with { DataDir = dataDir is null ? record.Hyperparameters.DataDir : Path.GetFullPath(dataDir) };
        var trainer = new Trainer(options);
        trainer.LoadWeights(weights);
        var (_, test) = trainer.LoadData();
        float accuracy = (float)trainer.Evaluate(test);
        var recorded = record.Final!;
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                test_accuracy = accuracy, recorded_test_accuracy = recorded.TestAccuracy, epoch = recorded.Epoch, examples = test.Count, run_dir = folder.Path,
            }));
        else
            AnsiConsole.MarkupLineInterpolated(
                $"test accuracy [bold]{accuracy:F4}[/] on {test.Count} images with the weights of epoch {recorded.Epoch} (recorded: {recorded.TestAccuracy:F4}) — {folder.Path}");
        return 0;
    }
}
