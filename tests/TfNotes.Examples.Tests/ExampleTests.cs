[assembly: CollectionBehavior(DisableTestParallelization = true)] // each example builds, then trains on 2 cores

namespace TfNotes.Examples.Tests;

/// <summary>
/// Every <c>examples/NN-topic.cs</c> runs as a .NET 10 file-based app, as a reader runs it from the repository
/// (<c>dotnet run examples/01-gradient-tape.cs</c>), checks itself (a result off the notes' formulas throws) and
/// prints what TensorFlow and the notes' hand math give.
/// </summary>
public sealed class ExampleTests
{
    /// <summary>Text each example must print (each within one line): values TensorFlow, Keras or float64 hand math define, and the data's.</summary>
    static readonly Dictionary<string, string[]> Expected = new()
    {
        ["01-gradient-tape.cs"] =
        [
            "   1  0.100000        0.100000",          // Keras' Adam(0.1) on w² − 10w + 25 from 0, steps 1 and 5
            "   5  0.499017        0.499017",
            "optimizer.iterations = 1000",
            "dy/dx = 6, dz/dx = 108",
        ],
        ["02-tf-data.cs"] =
        [
            "element_spec: TensorSpec(shape=(), dtype=tf.int32, name=None)   cardinality: 10",
            "map(x * x):         [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]",
            "  tf.Tensor([ 9 10], shape=(2,), dtype=int32)",
            "cardinality: 157 batches",
            "5000 examples, pixels in [0, 1]; per class: 457 556 504 501 488 493 493 512 490 506", // the first 5000 labels
        ],
        ["03-softmax-regression.cs"] =
        [
            "a          = tf.Tensor([[0.8420336  0.04192238 0.00208719 0.11395685]], shape=(1, 4), dtype=float32)", // as TensorFlow prints it
            "epoch 3: cost ",
            "test accuracy: ",
        ],
        ["04-batch-normalization.cs"] = ["max |layer − formulas|", "moving_variance ", "NotesBatchNorm vs Keras over 100 batches"],
        ["05-hyperparameter-tuning.cs"] =
        [
            "grid 5 × 5  25 trials,  5 distinct learning rates; best error 0.0900", // (log10 0.01 + 2.3)² = 0.09
            "random      25 trials, 25 distinct learning rates",
            "12 trials, ",
        ],
        ["06-three-layer-network.cs"] = ["Cost after epoch 0: ", "Cost after epoch 4: "],
        ["07-keras-models.cs"] =
        [
            "│ conv2d (Conv2D)                 │ (32, 26, 26, 32)       │           320 │",   // Keras' summary() of the quickstart model
            "│ dense (Dense)                   │ (32, 128)              │     2,769,024 │",
            " Total params: 8,311,904 (31.71 MB)",
            "expected ndim=4, found ndim=2. Full shape received: (None, 64)",
            "same weights: True",
        ],
    };

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Repository.Path("examples"), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void There_is_one_example_per_notebook()
    {
        var notebooks = Directory.GetFiles(Repository.Path("notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order();
        var examples = Directory.GetFiles(Repository.Path("examples"), "*.cs").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(notebooks, examples);
        Assert.Equal(examples.Select(e => e + ".cs"), Expected.Keys.Order());
    }

    // The SDK would build each file-based app into ~/.local/share/dotnet/runfile/, a copy of libtorch per example and per
    // clone, never cleaned; here the builds go to the test process's scratch folder, deleted when it exits.
    static readonly Lazy<string> Artifacts = new(() => Scratch.Folder("examples-artifacts-").FullName);

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_runs_with_dotnet_run_and_prints_the_expected_results(string example)
    {
        var run = Command.Run(Command.Dotnet, ["run", "--artifacts-path", Artifacts.Value, $"examples/{example}"], Repository.Root,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, $"dotnet run examples/{example}: {run}");
        var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var expected in Expected[example])
            Assert.True(lines.Any(l => l.Contains(expected, StringComparison.Ordinal)), $"examples/{example} did not print \"{expected}\":\n{run.StandardOutput}");
    }
}
