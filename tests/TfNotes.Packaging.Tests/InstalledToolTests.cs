using System.Text.Json;
using TfNotes.TestSupport;

namespace TfNotes.Packaging.Tests;

/// <summary>
/// The tool installed from the local package folder, run from a folder outside the repository with a home of its own
/// (no download cache), so the data is found only where each test puts it.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class InstalledToolTests(Packages packages) : IDisposable
{
    readonly string outside = Scratch.Folder("tfnotes-outside-").FullName;

    CommandResult Tfnotes(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var home = Path.Combine(outside, "home");
        Directory.CreateDirectory(home);
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["TFNOTES_DATA"] = null,
            // A download attempt goes to a closed port on this machine, never outside.
            ["TFNOTES_DATASETS_URL"] = "http://127.0.0.1:9/",
        };
        foreach (var (name, value) in environment) env[name] = value;
        return Command.Run(Path.Combine(packages.ToolPath, "tfnotes"), arguments, outside, env, TimeSpan.FromMinutes(5));
    }

    string EmptyFolder(string name) => Directory.CreateDirectory(Path.Combine(outside, name)).FullName;

    [Fact]
    public void Tape_runs_outside_the_repository()
    {
        var run = Tfnotes(new Dictionary<string, string?>(), "tape", "--steps", "5");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("w = 0.499017 after 5 steps", run.StandardOutput); // Keras' Adam(0.1) on w² − 10w + 25, step 5
    }

    [Fact]
    public void Train_finds_the_data_through_TFNOTES_DATA()
    {
        var run = Tfnotes(new Dictionary<string, string?>
        {
            ["TFNOTES_DATA"] = Repository.Path("data", "fashion-mnist"),
            ["XDG_DATA_DIRS"] = EmptyFolder("share"),
        }, "train", "--train-subset", "2000", "--epochs", "1", "--json");
        AssertTrained(run);
    }

    [Fact]
    public void Train_finds_Debians_dataset_fashion_mnist()
    {
        const string debian = "/usr/share/datasets/fashion-mnist";
        Assert.True(File.Exists(Path.Combine(debian, "train-images-idx3-ubyte.gz")),
            $"{debian} is missing: `sudo apt-get install dataset-fashion-mnist` (scripts/test.sh installs it)");
        var run = Tfnotes(new Dictionary<string, string?> { ["XDG_DATA_DIRS"] = null }, "train", "--train-subset", "2000", "--epochs", "1", "--json");
        AssertTrained(run);
    }

    [Fact]
    public void Without_the_data_anywhere_one_line_names_every_place_and_the_three_ways_and_the_exit_code_is_2()
    {
        var share = EmptyFolder("share");
        var run = Tfnotes(new Dictionary<string, string?> { ["XDG_DATA_DIRS"] = share }, "train", "--train-subset", "2000", "--epochs", "1");
        Assert.True(run.ExitCode == 2, run.ToString());
        var message = run.StandardError.TrimEnd('\n');
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain(" at TfNotes.", message); // no stack trace
        Assert.StartsWith("tfnotes train: Fashion-MNIST was not found", message);
        foreach (var place in new[] { "$TFNOTES_DATA (not set)", "the repository's data/fashion-mnist", Path.Combine(outside, "home", ".tfnotes", "datasets", "fashion-mnist"),
                     Path.Combine(share, "datasets", "fashion-mnist"), "http://127.0.0.1:9/" })
            Assert.Contains(place, message);
        foreach (var way in new[] { "apt-get install dataset-fashion-mnist", "TFNOTES_DATA", "--data-dir" })
            Assert.Contains(way, message);
        Assert.Empty(run.StandardOutput.Trim());
    }

    void AssertTrained(CommandResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("epochs").GetInt32());
        // 2000 training images, one epoch of the notes' MLP: well above chance (0.1), as the same run in the repository gives
        Assert.InRange(json.RootElement.GetProperty("test_accuracy").GetDouble(), 0.5, 0.9);
        Assert.StartsWith(Path.Combine(outside, "runs"), json.RootElement.GetProperty("run_dir").GetString());
    }

    public void Dispose() => Directory.Delete(outside, recursive: true);
}
