using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TfNotes.TestSupport;

namespace TfNotes.Cli.Tests;

/// <summary>
/// <c>tfnotes train</c>/<c>evaluate</c>/<c>tape</c> under faults, as real processes: bad data, unusable or shared run
/// folders, half-written and corrupt run folders, failures mid-run. Each ends in one line and the documented exit code.
/// </summary>
public class TrainFaultTests(TrainFaultTests.OneEpochRun trained) : IClassFixture<TrainFaultTests.OneEpochRun>
{
    /// <summary>A finished one-epoch run (no validation: its epoch is the last), trained once for the evaluate cases.</summary>
    public sealed class OneEpochRun : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Scratch.Folder("tfnotes-trained-").FullName, "run");

        public async Task InitializeAsync()
        {
            var (exitCode, _, errors) = await TrainCli.RunAsync(Train(Folder, "--epochs", "1", "--validation-split", "0"));
            Assert.True(exitCode == 0, errors);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    static string[] Train(string runFolder, params string[] more) =>
        ["train", "--data-dir", TrainCli.DataDir, "--train-subset", "500", "--test-subset", "500", "--out", runFolder, "--json", .. more];

    static string[] Lines(string text) => text.TrimEnd().Split('\n');

    /// <summary>The single stderr line of a failure: no stack trace, no "Unhandled exception".</summary>
    static string OneLine(string errors)
    {
        Assert.DoesNotContain("Unhandled exception", errors);
        Assert.DoesNotContain(Lines(errors), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return Assert.Single(Lines(errors));
    }

    static JsonObject Metrics(string runFolder) => JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "metrics.json")))!.AsObject();

    static string CopyOf(string folder)
    {
        var copy = Scratch.Folder("tfnotes-copy-").FullName;
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray();
    }

    static void Gzip(string path, byte[] content)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(content);
    }

    public static TheoryData<string, string> BadDataFiles => new()
    {
        { "truncated-gz", "train-images-idx3-ubyte.gz" },
        { "empty", "train-images-idx3-ubyte.gz" },
        { "wrong-magic", "train-labels-idx1-ubyte.gz" },
        { "9999-labels", "t10k-labels-idx1-ubyte.gz" },
        { "label-10", "train-labels-idx1-ubyte.gz" },
        { "missing", "train-images-idx3-ubyte.gz" },
    };

    /// <summary>Writes the <paramref name="fault"/> into <paramref name="file"/> of a copy of the data.</summary>
    static string BadData(string fault, string file)
    {
        var data = CopyOf(TrainCli.DataDir);
        var path = Path.Combine(data, file);
        var bytes = File.ReadAllBytes(path);
        switch (fault)
        {
            case "truncated-gz": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "empty": File.WriteAllBytes(path, []); break;
            case "missing": File.Delete(path); break;
            case "wrong-magic":
                var content = Gunzip(path);
                content[2] = 0x09;
                Gzip(path, content);
                break;
            case "9999-labels":
                var labels = Gunzip(path)[..^1];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 9999);
                Gzip(path, labels);
                break;
            case "label-10":
                var train = Gunzip(path);
                train[8 + 7] = 10;
                Gzip(path, train);
                break;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadDataFiles))]
    public async Task Bad_data_gives_one_line_naming_the_file_exit_2_and_no_run_folder(string fault, string file)
    {
        var data = BadData(fault, file);
        var run = Path.Combine(Scratch.Folder().FullName, "run");
        var (exitCode, output, errors) = await TrainCli.RunAsync(["train", "--data-dir", data, "--train-subset", "500", "--out", run, "--json"]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = OneLine(errors);
        Assert.StartsWith(fault == "missing" ? "tfnotes: --data-dir" : "tfnotes train: ", line);
        Assert.Contains(fault == "missing" ? data : file, line);
        if (fault == "label-10") Assert.Contains("label 10 at index 7", line);
        if (fault == "9999-labels") Assert.Contains("9999 labels", line);
        Assert.False(Directory.Exists(run), "a run folder was created for bad data");
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_to_the_line()
    {
        var data = BadData("empty", "train-images-idx3-ubyte.gz");
        var (exitCode, _, errors) = await TrainCli.RunAsync(["train", "--data-dir", data, "--verbose"]);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("tfnotes train: ", errors);
        Assert.Contains(Lines(errors), l => l.TrimStart().StartsWith("at TfNotes.", StringComparison.Ordinal));
    }

    public static TheoryData<string> UnusableOutputs => ["a-file", "a-file/run", "/proc/tfnotes-run"];

    [Theory]
    [MemberData(nameof(UnusableOutputs))]
    public async Task An_unusable_out_gives_one_line_naming_it_and_exit_2(string output)
    {
        var folder = Scratch.Folder().FullName;
        File.WriteAllText(Path.Combine(folder, "a-file"), "not a folder");
        var path = Path.Combine(folder, output);   // an absolute output stays as it is

        var (exitCode, _, errors) = await TrainCli.RunAsync(Train(path));

        Assert.Equal(2, exitCode);
        var line = OneLine(errors);
        Assert.StartsWith($"tfnotes train: --out: {path} ", line);
        Assert.Equal("not a folder", File.ReadAllText(Path.Combine(folder, "a-file")));
    }

    [Fact]
    public async Task Empty_out_and_run_paths_give_one_line_and_exit_2()
    {
        var train = await TrainCli.RunAsync("train", "--out", "");
        Assert.Equal(2, train.ExitCode);
        Assert.Equal("tfnotes: --out must be a folder path, got ''", OneLine(train.Errors));
        var evaluate = await TrainCli.RunAsync("evaluate", "--run", "");
        Assert.Equal(2, evaluate.ExitCode);
        Assert.Equal("tfnotes: --run must be a run folder's path, got ''", OneLine(evaluate.Errors));
    }

    [Fact]
    public async Task Two_trains_on_one_folder_the_second_is_refused_naming_the_folder_and_the_first_ones_pid()
    {
        var run = Path.Combine(Scratch.Folder("tfnotes-shared-").FullName, "run");
        string[] endless = Train(run, "--epochs", "1000", "--early-stopping", "0");
        using var first = TrainCli.Start(endless);
        using var second = TrainCli.Start(endless);
        var firstEnd = TrainCli.WaitAsync(first, timeoutSeconds: 180);
        var secondEnd = TrainCli.WaitAsync(second, timeoutSeconds: 180);

        // Whichever locks the folder first trains; the other is refused at once.
        var refusedEnd = await Task.WhenAny(firstEnd, secondEnd).WaitAsync(TimeSpan.FromSeconds(90));
        var running = refusedEnd == firstEnd ? second : first;
        var (exitCode, output, errors) = await refusedEnd;
        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal($"tfnotes train: --out: {run} is in use by another tfnotes run (PID {running.Id}); wait for it to end or choose another folder",
            OneLine(errors));
        Assert.False(running.HasExited);

        await TrainCli.WaitForFirstEpochAsync(running, run);
        TrainCli.Interrupt(running);
        var ran = await (running == first ? firstEnd : secondEnd);
        Assert.True(ran.ExitCode == 130, ran.Errors);
        var record = Metrics(run);
        Assert.Equal("cancelled", (string?)record["status"]);
        Assert.Equal($"{running.Id}", File.ReadAllText(Path.Combine(run, ".lock")));

        // The lock ended with its process: the folder now holds a run, which is the refusal.
        var again = await TrainCli.RunAsync(Train(run));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a run (metrics.json)", OneLine(again.Errors));
    }

    [Fact]
    public async Task A_run_that_fails_after_its_folder_exists_records_failed_and_the_reason()
    {
        var run = Scratch.Folder("tfnotes-failing-").FullName;
        Directory.CreateDirectory(Path.Combine(run, "loss.png.tmp")); // the first epoch's plot cannot be written

        var (exitCode, output, errors) = await TrainCli.RunAsync(Train(run, "--epochs", "3", "--validation-split", "0"));

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        var line = OneLine(errors);
        Assert.StartsWith("tfnotes train: ", line);
        Assert.Contains("loss.png.tmp", line);
        var record = Metrics(run);
        Assert.Equal("failed", (string?)record["status"]);
        Assert.Contains("loss.png.tmp", (string?)record["stop_reason"]);
        Assert.Single(record["epochs"]!.AsArray());       // the epoch that finished is kept, with its weights
        Assert.Equal(1, (int?)record["weights_epoch"]);
        var evaluated = await TrainCli.RunAsync("evaluate", "--run", run, "--json");
        Assert.True(evaluated.ExitCode == 0, evaluated.Errors);
        Assert.Equal(1, JsonDocument.Parse(Lines(evaluated.Output)[^1]).RootElement.GetProperty("epoch").GetInt32());
    }

    [Fact]
    public async Task Killed_after_an_epochs_weights_before_its_record_evaluate_loads_the_recorded_epoch_and_says_so()
    {
        // The moment between the two writes of epoch 2: its weights are complete, the record still names epoch 1's.
        var run = CopyOf(trained.Folder);
        File.Copy(Path.Combine(run, "weights-epoch-1.safetensors"), Path.Combine(run, "weights-epoch-2.safetensors"));
        var recorded = (float)Metrics(run)["epochs"]![0]!["test_accuracy"]!;

        var (exitCode, output, errors) = await TrainCli.RunAsync("evaluate", "--run", run);
        var json = await TrainCli.RunAsync("evaluate", "--run", run, "--json");

        Assert.True(exitCode == 0, errors);
        Assert.Contains($"test accuracy {recorded:F4} on 500 images with the weights of epoch 1 (recorded: {recorded:F4})", Regex.Replace(output, @"\s+", " "));
        var evaluated = JsonDocument.Parse(Lines(json.Output)[^1]).RootElement;
        Assert.Equal(1, evaluated.GetProperty("epoch").GetInt32());
        Assert.Equal(recorded, evaluated.GetProperty("test_accuracy").GetSingle());
    }

    public static TheoryData<string, string> CorruptRunFolders => new()
    {
        { "metrics-empty", "is not a run record this version reads" },
        { "metrics-truncated", "is not a run record this version reads" },
        { "metrics-{}", "missing required properties" },
        { "metrics-null", "holds null, not a run record" },
        { "no-epoch-yet", "recorded no finished epoch" },
        { "weights-of-another-epoch", "reports epoch 2 but names the weights of epoch 1: the folder's files disagree" },
        { "weights-missing", "names weights-epoch-1.safetensors, which is missing" },
        { "weights-unnamed", "reports epoch 1 but names no weights file" },
        { "weights-empty", "is not a valid safetensors file" },
        { "weights-truncated", "is not a valid safetensors file" },
        { "weights-garbage", "is not a valid safetensors file" },
        { "weights-of-another-shape", "has shape (784, 64) in the model but (784, 256)" },
    };

    [Theory]
    [MemberData(nameof(CorruptRunFolders))]
    public async Task Evaluate_refuses_a_corrupt_or_inconsistent_run_folder_with_one_line_and_exit_2(string fault, string expected)
    {
        var run = CopyOf(trained.Folder);
        var metrics = Path.Combine(run, "metrics.json");
        var weights = Path.Combine(run, "weights-epoch-1.safetensors");
        var record = Metrics(run);
        switch (fault)
        {
            case "metrics-empty": File.WriteAllText(metrics, ""); break;
            case "metrics-truncated": File.WriteAllText(metrics, File.ReadAllText(metrics)[..200]); break;
            case "metrics-{}": File.WriteAllText(metrics, "{}"); break;
            case "metrics-null": File.WriteAllText(metrics, "null"); break;
            case "no-epoch-yet": // killed after epoch 1's weights, before the record naming them
                record["epochs"] = new JsonArray();
                record["weights_epoch"] = null;
                File.WriteAllText(metrics, record.ToJsonString());
                break;
            case "weights-of-another-epoch":
                var second = record["epochs"]![0]!.DeepClone();
                second["epoch"] = 2;
                record["epochs"]!.AsArray().Add(second);
                File.WriteAllText(metrics, record.ToJsonString());
                break;
            case "weights-missing": File.Delete(weights); break;
            case "weights-unnamed": // the layout before the record named its weights: weights.safetensors
                record.Remove("weights_epoch");
                File.WriteAllText(metrics, record.ToJsonString());
                File.Move(weights, Path.Combine(run, "weights.safetensors"));
                break;
            case "weights-empty": File.WriteAllBytes(weights, []); break;
            case "weights-truncated": File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..3000]); break;
            case "weights-garbage": File.WriteAllBytes(weights, Enumerable.Range(0, 30000).Select(i => (byte)(i * 7919 % 251)).ToArray()); break;
            case "weights-of-another-shape":
                record["hyperparameters"]!["hidden"] = new JsonArray(64, 32);
                File.WriteAllText(metrics, record.ToJsonString());
                break;
        }

        var (exitCode, output, errors) = await TrainCli.RunAsync("evaluate", "--run", run, "--json");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = OneLine(errors);
        Assert.StartsWith("tfnotes evaluate: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Tape_stops_at_a_non_finite_cost_naming_the_step_with_exit_1()
    {
        var (exitCode, output, errors) = await TrainCli.RunAsync("tape", "--learning-rate", "1e30");
        Assert.Equal(1, exitCode);
        Assert.Matches(@"^tfnotes tape: cost is (NaN|infinite) after step \d+ \(w = [^)]+\); stopped: try a smaller --learning-rate$", OneLine(errors));
        Assert.DoesNotContain("w = NaN after", output);
    }
}
