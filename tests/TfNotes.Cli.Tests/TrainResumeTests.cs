using System.Text.Json.Nodes;
using TfNotes.TestSupport;

namespace TfNotes.Cli.Tests;

/// <summary>
/// <c>tfnotes train --resume</c> as real processes: a run killed (SIGKILL) in the middle of epoch 2 and resumed ends
/// with the metrics.json (timings aside) and the weights, byte for byte, of the same run left alone; a resume with
/// other options, or of a damaged backup, is refused in one line and changes nothing.
/// </summary>
public class TrainResumeTests
{
    static string[] Train(params string[] more) =>
        ["train", "--data-dir", TrainCli.DataDir, "--train-subset", "3000", "--test-subset", "1000", "--epochs", "3", "--batch-size", "4", "--seed", "7",
         "--json", .. more];

    /// <summary>metrics.json without its timings (the start time, each epoch's seconds).</summary>
    static string WithoutTimings(string run)
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")))!.AsObject();
        record.Remove("started");
        foreach (var epoch in record["epochs"]!.AsArray().Append(record["final"])) epoch?.AsObject().Remove("seconds");
        return record.ToJsonString();
    }

    [Fact]
    public async Task A_run_killed_in_epoch_2_and_resumed_ends_as_the_uninterrupted_run()
    {
        var root = Scratch.Folder("tfnotes-resume-").FullName;
        string whole = Path.Combine(root, "whole"), killed = Path.Combine(root, "killed"), damaged = Path.Combine(root, "damaged");
        var uninterrupted = await TrainCli.RunAsync(Train("--out", whole));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Errors);
        Assert.False(Directory.Exists(Path.Combine(whole, "backup")));   // deleted once the run completed

        using (var process = TrainCli.Start(Train("--out", killed)))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var backup = Path.Combine(killed, "backup", "latest.index.json");   // written after epoch 1's metrics: epoch 2 is running
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(backup))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited, "the run never backed up an epoch");
                await Task.Delay(20);
            }
            await Task.Delay(300);
            process.Kill();   // SIGKILL
            await process.WaitForExitAsync();
        }
        var atKill = JsonNode.Parse(File.ReadAllText(Path.Combine(killed, "metrics.json")))!;
        Assert.Equal("running", (string?)atKill["status"]);
        Assert.Single(atKill["epochs"]!.AsArray());   // killed during epoch 2

        CopyFolder(killed, damaged);
        var metricsBefore = File.ReadAllBytes(Path.Combine(killed, "metrics.json"));
        var other = await TrainCli.RunAsync("train", "--resume", killed, "--epochs", "4", "--json");
        Assert.Equal(2, other.ExitCode);
        Assert.Equal($"tfnotes train: --resume: the run in {killed} was trained with --epochs 3, not --epochs 4; leave the option out to continue it as it was",
            other.Errors.Trim());
        Assert.Equal(metricsBefore, File.ReadAllBytes(Path.Combine(killed, "metrics.json")));

        var data = Directory.GetFiles(Path.Combine(damaged, "backup"), "latest.data-*.safetensors").Single();
        using (var file = new FileStream(data, FileMode.Open)) file.SetLength(file.Length - 100);
        var refused = await TrainCli.RunAsync("train", "--resume", damaged, "--json");
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"tfnotes train: --resume: read: the checkpoint data file '{data}' is truncated or damaged: it has ", refused.Errors);
        Assert.Single(refused.Errors.Trim().Split('\n'));
        Assert.Equal(metricsBefore, File.ReadAllBytes(Path.Combine(damaged, "metrics.json")));

        var resumed = await TrainCli.RunAsync("train", "--resume", killed, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Errors);
        Assert.Equal(WithoutTimings(whole), WithoutTimings(killed));
        Assert.Contains("\"status\":\"completed\"", WithoutTimings(killed));
        string Weights(string run) => Directory.GetFiles(run, "weights-epoch-*.safetensors").Single();
        Assert.Equal(Path.GetFileName(Weights(whole)), Path.GetFileName(Weights(killed)));
        Assert.Equal(File.ReadAllBytes(Weights(whole)), File.ReadAllBytes(Weights(killed)));
        Assert.False(Directory.Exists(Path.Combine(killed, "backup")));

        var again = await TrainCli.RunAsync("train", "--resume", killed, "--json");
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"tfnotes train: --resume: the run in {killed} is complete (status completed); there is nothing to resume", again.Errors.Trim());
    }

    [Fact]
    public async Task Tensorboard_writes_train_and_validation_logs_with_histograms_and_a_sample_grid()
    {
        var root = Scratch.Folder("tfnotes-tb-").FullName;
        var logs = Path.Combine(root, "logs");
        var (exitCode, _, errors) = await TrainCli.RunAsync("train", "--data-dir", TrainCli.DataDir, "--train-subset", "500", "--test-subset", "200", "--epochs", "2",
            "--json", "--out", Path.Combine(root, "run"), "--tensorboard", logs);
        Assert.True(exitCode == 0, errors);
        var train = Directory.GetFiles(Path.Combine(logs, "train"), "events.out.tfevents.*").SelectMany(f => TfNotes.Tests.Summary.EventFileReader.Values(f)).ToList();
        var tags = train.Select(v => (v.step, v.value.GetProperty("tag").GetString())).ToHashSet();
        foreach (var step in new long[] { 0, 1 })
            foreach (var tag in new[] { "epoch_loss", "epoch_accuracy", "epoch_learning_rate", "W1/histogram", "b3/histogram" })
                Assert.Contains((step, tag), tags);
        var samples = train.Single(v => v.value.GetProperty("tag").GetString() == "samples").value;
        Assert.Equal("images", samples.GetProperty("plugin").GetString());
        var strings = samples.GetProperty("tensor").GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(["112", "112"], strings.Take(2).Select(s => s.GetString()));   // 4 × 4 images of 28 × 28
        var png = Assert.Single(strings.Skip(2)).GetProperty("png");
        Assert.Equal((112, 112, 1), (png.GetProperty("width").GetInt32(), png.GetProperty("height").GetInt32(), png.GetProperty("channels").GetInt32()));
        var validation = Directory.GetFiles(Path.Combine(logs, "validation"), "events.out.tfevents.*").SelectMany(f => TfNotes.Tests.Summary.EventFileReader.Values(f)).ToList();
        Assert.Equal([0L, 1], validation.Where(v => v.value.GetProperty("tag").GetString() == "epoch_accuracy").Select(v => v.step));

        var unwritable = await TrainCli.RunAsync("train", "--data-dir", TrainCli.DataDir, "--train-subset", "200", "--epochs", "1", "--json",
            "--out", Path.Combine(root, "run2"), "--tensorboard", "/proc/no-logs-here");
        Assert.Equal(2, unwritable.ExitCode);
        Assert.StartsWith("tfnotes train: --tensorboard: cannot write TensorBoard logs to /proc/no-logs-here: ", unwritable.Errors);
        Assert.False(Directory.Exists(Path.Combine(root, "run2")));   // refused before the run folder is made
        Assert.Single(unwritable.Errors.Trim().Split('\n'));
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
