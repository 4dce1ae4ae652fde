using System.Text.Json;
using SkiaSharp;
using TfNotes.TestSupport;

namespace TfNotes.Cli.Tests;

/// <summary><c>tfnotes train</c> and <c>tfnotes evaluate</c> end to end, as separate processes.</summary>
public class TrainCommandTests
{
    static string NewRunFolder() => Path.Combine(Scratch.Folder("tfnotes-train-").FullName, "run");

    static string[] Train(string runFolder, int trainImages, params string[] more) =>
        ["train", "--data-dir", TrainCli.DataDir, "--train-subset", $"{trainImages}", "--test-subset", "2000", "--out", runFolder, "--json", .. more];

    static JsonElement LastLineJson(string output) =>
        JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;

    static JsonElement Metrics(string runFolder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "metrics.json"))).RootElement;

    /// <summary>The recorded epoch whose weights the run kept: the chosen one, else the last.</summary>
    static JsonElement FinalEpoch(JsonElement record)
    {
        var epochs = record.GetProperty("epochs").EnumerateArray().ToList();
        return record.GetProperty("chosen_epoch") is { ValueKind: JsonValueKind.Number } chosen
            ? epochs.Single(e => e.GetProperty("epoch").GetInt32() == chosen.GetInt32())
            : epochs[^1];
    }

    [Fact]
    public async Task Train_json_writes_a_complete_run_folder_and_evaluate_reproduces_its_test_accuracy()
    {
        var run = NewRunFolder();
        var (exitCode, output, errors) = await TrainCli.RunAsync(Train(run, 5000, "--epochs", "2"));
        Assert.True(exitCode == 0, errors);

        var summary = LastLineJson(output);
        Assert.Equal(2, summary.GetProperty("epochs").GetInt32());
        Assert.Equal(Path.GetFullPath(run), summary.GetProperty("run_dir").GetString());
        Assert.True(summary.GetProperty("seconds").GetDouble() > 0);
        Assert.True(summary.GetProperty("train_loss").GetDouble() > 0);
        double testAccuracy = summary.GetProperty("test_accuracy").GetDouble();
        Assert.True(testAccuracy >= 0.70, $"test accuracy {testAccuracy}");

        var metrics = Metrics(run);
        Assert.Equal("completed", metrics.GetProperty("status").GetString());
        Assert.Equal(4500, metrics.GetProperty("train_examples").GetInt32());       // the default --validation-split 0.1 holds out 500
        Assert.Equal(500, metrics.GetProperty("validation_examples").GetInt32());
        Assert.Equal(2000, metrics.GetProperty("test_examples").GetInt32());
        Assert.Equal("three_layer", metrics.GetProperty("hyperparameters").GetProperty("model").GetString());
        Assert.Equal([256, 128], metrics.GetProperty("hyperparameters").GetProperty("hidden").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("0.107.0", metrics.GetProperty("versions").GetProperty("torch_sharp").GetString());
        var epochs = metrics.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal([1, 2], epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.All(epochs, e => Assert.True(e.GetProperty("seconds").GetDouble() > 0));
        // The reported epoch is the one with the best validation accuracy (the first of equals), and its test accuracy is reported.
        var validation = epochs.Select(e => e.GetProperty("validation_accuracy").GetDouble()).ToList();
        int chosen = validation.IndexOf(validation.Max()) + 1;
        Assert.Equal(chosen, metrics.GetProperty("chosen_epoch").GetInt32());
        Assert.Equal(chosen, summary.GetProperty("chosen_epoch").GetInt32());
        Assert.Equal(testAccuracy, epochs[chosen - 1].GetProperty("test_accuracy").GetDouble());
        Assert.Equal(validation[chosen - 1], summary.GetProperty("validation_accuracy").GetDouble());

        foreach (var plot in new[] { "loss.png", "accuracy.png" })
        {
            var path = Path.Combine(run, plot);
            Assert.Equal((800, 500), TrainCli.PngSize(path));
            using var image = SKBitmap.Decode(path);
            Assert.Equal((800, 500), (image.Width, image.Height));
        }
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));

        var evaluated = await TrainCli.RunAsync("evaluate", "--run", run, "--json");
        Assert.True(evaluated.ExitCode == 0, evaluated.Errors);
        Assert.Equal(testAccuracy, LastLineJson(evaluated.Output).GetProperty("test_accuracy").GetDouble());
        var human = await TrainCli.RunAsync("evaluate", "--run", run);
        Assert.Contains($"test accuracy {testAccuracy:F4}", human.Output);
    }

    [Fact]
    public async Task A_learning_rate_of_1e6_stops_training_naming_epoch_and_step_with_a_non_zero_exit_code()
    {
        var run = NewRunFolder();
        var (exitCode, output, errors) = await TrainCli.RunAsync(Train(run, 1000, "--optimizer", "sgd", "--learning-rate", "1e6", "--validation-split", "0"));
        Assert.Equal(1, exitCode);
        Assert.Matches(@"loss is (NaN|infinite) at epoch 1, step \d+", errors);
        Assert.Equal("non_finite_loss", LastLineJson(output).GetProperty("status").GetString());
        Assert.Equal("non_finite_loss", Metrics(run).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ctrl_C_stops_after_the_current_step_and_leaves_a_valid_run_folder()
    {
        var run = NewRunFolder();
        using var process = TrainCli.Start(Train(run, 500, "--epochs", "1000", "--early-stopping", "0"));   // never ends on its own
        await TrainCli.WaitForFirstEpochAsync(process, run);
        TrainCli.Interrupt(process);
        var (exitCode, output, errors) = await TrainCli.WaitAsync(process);

        Assert.Equal(130, exitCode);
        Assert.Contains("interrupted", errors);
        var record = Metrics(run);
        Assert.Equal("cancelled", record.GetProperty("status").GetString());
        int finished = record.GetProperty("epochs").GetArrayLength();
        Assert.InRange(finished, 1, 999);
        Assert.Equal(finished, LastLineJson(output).GetProperty("epochs").GetInt32());
        Assert.Equal((800, 500), TrainCli.PngSize(Path.Combine(run, "accuracy.png")));
        var evaluated = await TrainCli.RunAsync("evaluate", "--run", run, "--json");
        Assert.Equal(FinalEpoch(record).GetProperty("test_accuracy").GetDouble(), LastLineJson(evaluated.Output).GetProperty("test_accuracy").GetDouble());
    }

    [Fact]
    public async Task Threads_sets_libtorch_s_thread_count_and_a_seed_gives_the_same_metrics_at_it()
    {
        string[] options = ["--epochs", "1", "--threads", "1", "--seed", "4"];
        var first = await TrainCli.RunAsync(Train(NewRunFolder(), 1000, options));
        var second = await TrainCli.RunAsync(Train(NewRunFolder(), 1000, options));
        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.True(second.ExitCode == 0, second.Errors);
        foreach (var key in new[] { "train_loss", "test_accuracy" })
            Assert.Equal(LastLineJson(first.Output).GetProperty(key).GetDouble(), LastLineJson(second.Output).GetProperty(key).GetDouble());
    }

    [Theory]
    [InlineData("--model", "cnn")]
    [InlineData("--optimizer", "adagrad")]
    [InlineData("--hidden", "256,x")]
    [InlineData("--hidden", "256,0")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "-5")]
    [InlineData("--learning-rate", "0")]
    [InlineData("--beta1", "1")]
    [InlineData("--train-subset", "0")]
    [InlineData("--data-dir", "/no/such/folder")]
    [InlineData("--epochs", "many")]
    [InlineData("--validation-split", "1")]
    [InlineData("--validation-split", "-0.1")]
    [InlineData("--early-stopping", "-1")]
    [InlineData("--schedule", "linear")]
    [InlineData("--threads", "0")]
    public async Task Bad_train_arguments_give_one_line_naming_the_option_and_exit_2(string option, string value)
    {
        var (exitCode, output, errors) = await TrainCli.RunAsync("train", option, value);
        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.Contains(option, line);
    }

    [Fact]
    public async Task Help_shows_the_hidden_sizes_default_in_the_form_the_option_takes()
    {
        var (exitCode, output, _) = await TrainCli.RunAsync("train", "--help");
        Assert.Equal(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("--hidden"));
        Assert.Contains("[default: 256,128]", line);
        Assert.DoesNotContain("|", line);
    }

    [Fact]
    public async Task Without_validation_the_last_epoch_is_reported()
    {
        var run = NewRunFolder();
        var (exitCode, output, errors) = await TrainCli.RunAsync(Train(run, 1000, "--epochs", "2", "--validation-split", "0"));
        Assert.True(exitCode == 0, errors);
        var metrics = Metrics(run);
        Assert.Equal(1000, metrics.GetProperty("train_examples").GetInt32());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("chosen_epoch").ValueKind);
        Assert.Equal(metrics.GetProperty("epochs")[1].GetProperty("test_accuracy").GetDouble(), LastLineJson(output).GetProperty("test_accuracy").GetDouble());
        Assert.Equal(2, LastLineJson(output).GetProperty("chosen_epoch").GetInt32());
    }

    [Fact]
    public async Task Evaluate_rejects_a_folder_that_is_not_a_run()
    {
        var (exitCode, _, errors) = await TrainCli.RunAsync("evaluate", "--run", Scratch.Folder().FullName);
        Assert.Equal(2, exitCode);
        Assert.Contains("--run", Assert.Single(errors.TrimEnd().Split('\n')));
    }
}
