using System.Text.Json.Nodes;
using TfNotes.TestSupport;

namespace TfNotes.Notebooks.Tests;

/// <summary>The runner itself, on notebooks generated in a temporary folder.</summary>
public sealed class RunnerTests : IDisposable
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMinutes(4);
    private readonly string _folder = Scratch.Folder("tfnotes-notebook-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_throwing_cell_fails_the_run_naming_the_notebook_and_the_cell()
    {
        var path = Write("broken.ipynb",
            Markdown("# A notebook with a bug"),
            Code("var a = 1;\nConsole.WriteLine(\"first cell ran\");"),
            Markdown("The next cell throws."),
            Code("throw new InvalidOperationException(\"boom in the fourth cell\");"),
            Code("Console.WriteLine(\"never runs\");"));
        var before = File.ReadAllText(path);

        var result = await NotebookRunnerProcess.RunAsync(path, ShortTimeout, "--write-outputs");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.ipynb: cell 4 failed (code cell 2): System.InvalidOperationException: boom in the fourth cell", result.StandardError);
        Assert.Contains("first cell ran", result.StandardOutput);
        Assert.DoesNotContain("never runs", result.StandardOutput);
        Assert.Equal(before, File.ReadAllText(path)); // a failed run does not overwrite the notebook in place
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_and_the_diagnostic()
    {
        var path = Write("typo.ipynb", Code("int x = 1;"), Code("int y = \"not a number\";"));

        var result = await NotebookRunnerProcess.RunAsync(path, ShortTimeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("typo.ipynb: cell 2 failed (code cell 2):", result.StandardError);
        Assert.Contains("CS0029", result.StandardError);
    }

    [Fact]
    public async Task A_failed_run_written_with_out_shows_the_error_in_the_failed_cell()
    {
        var path = Write("failing.ipynb", Code("Console.WriteLine(\"ok\");"), Code("throw new Exception(\"bad\");"), Code("1 + 1"));
        var outPath = Path.Combine(_folder, "failing.out.ipynb");

        var result = await NotebookRunnerProcess.RunAsync(path, ShortTimeout, "--out", outPath);

        Assert.Equal(1, result.ExitCode);
        var cells = Cells(outPath);
        Assert.Equal("stream", cells[0]["outputs"]![0]!["output_type"]!.GetValue<string>());
        var error = cells[1]["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "error")!;
        Assert.Equal("bad", error["evalue"]!.GetValue<string>());
        Assert.Empty(cells[2]["outputs"]!.AsArray());
        Assert.Null(cells[2]["execution_count"]);
    }

    [Fact]
    public async Task A_cell_that_runs_too_long_is_stopped_naming_the_cell()
    {
        var path = Write("slow.ipynb", Code("1"), Code("System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));"));

        var result = await NotebookRunnerProcess.RunAsync(path, TimeSpan.FromSeconds(20));

        Assert.False(result.TimedOut, "the runner should stop itself before the test's backstop kills it");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("slow.ipynb: cell 2 timed out", result.StandardError);
    }

    /// <summary>
    /// The documented PNG convention and the first-cell NuGet references, end to end: the packages restore inside the
    /// kernel, and the written notebook keeps stdout text, the returned value and the ScottPlot chart as image/png.
    /// </summary>
    [Fact]
    public async Task A_passing_notebook_is_written_with_text_and_png_outputs()
    {
        var path = Write("plot.ipynb",
            Markdown("# Plot"),
            Code("#r \"nuget: ScottPlot, 5.1.59\"\nusing Microsoft.DotNet.Interactive;"),
            Code("Console.WriteLine(\"hello from a cell\");\n6 * 7"),
            Code("""
                 var plot = new ScottPlot.Plot();
                 plot.Add.Scatter(new double[] { 0, 1, 2, 3 }, new double[] { 0, 1, 4, 9 });
                 byte[] png = plot.GetImageBytes(300, 200, ScottPlot.ImageFormat.Png);
                 KernelInvocationContext.Current.DisplayAs(Convert.ToBase64String(png), "image/png");
                 """));

        var result = await NotebookRunnerProcess.RunAsync(path, ShortTimeout, "--write-outputs");

        Assert.True(result.ExitCode == 0, result.Describe("plot.ipynb"));
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(".net-csharp", root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        var cells = root["cells"]!.AsArray();
        Assert.Equal("markdown", cells[0]!["cell_type"]!.GetValue<string>());

        var textCell = cells[2]!;
        Assert.Equal(2, textCell["execution_count"]!.GetValue<int>());
        var outputs = textCell["outputs"]!.AsArray();
        var stream = outputs.Single(o => o!["output_type"]!.GetValue<string>() == "stream")!;
        Assert.Equal("stdout", stream["name"]!.GetValue<string>());
        Assert.Equal("hello from a cell\n", Join(stream["text"]!));
        var returned = outputs.Single(o => o!["output_type"]!.GetValue<string>() == "execute_result")!;
        Assert.Equal("42", Join(returned["data"]!["text/plain"]!));
        Assert.Equal(2, returned["execution_count"]!.GetValue<int>());

        var image = cells[3]!["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == "display_data")!;
        var bytes = Convert.FromBase64String(image["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_notebook_folder()
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "value.txt"), "from the notebook folder");
        var path = Write("paths.ipynb", Code("Console.Write(System.IO.File.ReadAllText(\"data/value.txt\"));"));

        var result = await NotebookRunnerProcess.RunAsync(path, ShortTimeout, "--out", Path.Combine(_folder, "paths.out.ipynb"));

        Assert.True(result.ExitCode == 0, result.Describe("paths.ipynb"));
        var stream = Cells(Path.Combine(_folder, "paths.out.ipynb"))[0]["outputs"]![0]!;
        Assert.Equal("from the notebook folder", Join(stream["text"]!));
    }

    private string Write(string name, params JsonObject[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Cast<JsonNode?>().ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, notebook.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static JsonObject Code(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    private static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    };

    private static List<JsonNode> Cells(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .Select(c => c!)
            .ToList();

    private static string Join(JsonNode text) =>
        text is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : text.GetValue<string>();
}
