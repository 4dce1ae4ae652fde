using TfNotes.TestSupport;
namespace TfNotes.Notebooks.Tests;

/// <summary>
/// Every top-level <c>notebooks/*.ipynb</c>, executed by the real Jupyter client (<c>scripts/notebooks.sh</c>:
/// nbconvert with the dotnet-interactive kernel), runs without an error and prints what its saved outputs show.
/// After a change that moves a printed number: <c>scripts/refresh-notebooks.sh</c>, and commit the notebooks.
/// </summary>
public sealed class NotebookTests : IDisposable
{
    readonly string executed = Scratch.Folder("tfnotes-notebooks-").FullName;

    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Repository.Path("notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_fresh_Jupyter_execution_reproduces_every_saved_text_output(string notebook)
    {
        var saved = Repository.Path("notebooks", notebook);
        var run = Command.Run("bash", [Repository.Path("scripts", "notebooks.sh"), "--out", executed, saved], Repository.Root,
            timeout: TimeSpan.FromMinutes(12));
        Assert.True(run.ExitCode == 0, $"{notebook} failed under Jupyter:\n{run}");

        var differences = NotebookOutputs.Differences(File.ReadAllText(saved), File.ReadAllText(Path.Combine(executed, notebook)));
        Assert.True(differences.Count == 0,
            $"{notebook}: a fresh execution prints other text than the saved outputs (refresh them with scripts/refresh-notebooks.sh " +
            $"if the change is intended):\n{string.Join('\n', differences.Take(20))}");
    }

    public void Dispose() => Directory.Delete(executed, recursive: true);
}
