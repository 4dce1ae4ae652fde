namespace TfNotes.Notebooks.Tests;

/// <summary>Every top-level <c>notebooks/*.ipynb</c> runs, cell by cell, without an error.</summary>
public sealed class NotebookTests
{
    private const string NoNotebooks = "(no notebooks yet)";

    /// <summary>Set to 1 to write each notebook's executed outputs back into it (for committing refreshed outputs).</summary>
    private const string WriteOutputsVariable = "TFNOTES_WRITE_NOTEBOOK_OUTPUTS";

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        var folder = NotebookRunnerProcess.NotebooksFolder;
        var names = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb", SearchOption.TopDirectoryOnly).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()
            : [];
        foreach (var name in names)
        {
            data.Add(name!);
        }

        if (data.Count == 0)
        {
            data.Add(NoNotebooks); // xunit fails a theory without data
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_every_cell(string notebook)
    {
        if (notebook == NoNotebooks)
        {
            // Before the notebooks are written, notebooks/ may be empty or absent; an explicit folder must exist.
            Assert.True(Environment.GetEnvironmentVariable("TFNOTES_NOTEBOOKS_DIR") is not { Length: > 0 },
                $"TFNOTES_NOTEBOOKS_DIR={NotebookRunnerProcess.NotebooksFolder} holds no *.ipynb");
            return;
        }

        var path = Path.Combine(NotebookRunnerProcess.NotebooksFolder, notebook);
        var extra = Environment.GetEnvironmentVariable(WriteOutputsVariable) == "1" ? new[] { "--write-outputs" } : [];
        var result = await NotebookRunnerProcess.RunAsync(path, NotebookRunnerProcess.NotebookTimeout, extra);

        if (result.ExitCode != 0)
        {
            Assert.Fail(result.Describe(notebook));
        }
    }
}
