using TfNotes.Notebooks;

// notebook-runner run NOTEBOOK.ipynb [--write-outputs] [--out PATH] [--timeout SECONDS] [--quiet]
//
// Exit codes: 0 every code cell ran; 1 a cell failed; 2 bad arguments or unreadable notebook; 3 timed out.
// The kernel captures Console.Out while a cell runs, so the runner logs through its own handle on stdout.
var log = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var err = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };

if (args.Length < 2 || args[0] != "run")
{
    err.WriteLine(Usage());
    return args.Length == 1 && args[0] is "-h" or "--help" ? 0 : 2;
}

string? notebookArg = null;
string? outPath = null;
var writeOutputs = false;
var quiet = false;
var timeout = TimeSpan.FromSeconds(600);
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--write-outputs":
            writeOutputs = true;
            break;
        case "--out" when i + 1 < args.Length:
            outPath = Path.GetFullPath(args[++i]);
            writeOutputs = true;
            break;
        case "--timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
            timeout = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        case "--quiet":
            quiet = true;
            break;
        case var a when !a.StartsWith("--", StringComparison.Ordinal) && notebookArg is null:
            notebookArg = a;
            break;
        default:
            err.WriteLine($"notebook-runner: unexpected argument '{args[i]}'");
            err.WriteLine(Usage());
            return 2;
    }
}

if (notebookArg is null)
{
    err.WriteLine(Usage());
    return 2;
}

var notebookPath = Path.GetFullPath(notebookArg);
var name = Path.GetFileName(notebookPath);
NotebookDocument notebook;
try
{
    notebook = NotebookDocument.Load(notebookPath);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
{
    err.WriteLine($"{name}: cannot read the notebook: {ex.Message}");
    return 2;
}

// Relative paths in the notebook (#r "../src/.../TfNotes.dll", data files) resolve against the notebook's folder,
// as they do when the notebook is opened in VS Code or Jupyter.
Directory.SetCurrentDirectory(Path.GetDirectoryName(notebookPath)!);

using var runner = new NotebookRunner(log, echo: !quiet);
log.WriteLine($"notebook-runner: {notebookPath}");
var started = System.Diagnostics.Stopwatch.StartNew();
var run = runner.RunAsync(notebook);
var finished = await Task.WhenAny(run, Task.Delay(timeout));
if (finished != run)
{
    var where = runner.CurrentCell is { } c ? $"cell {c.Number} (code cell {runner.CurrentCodeCell})" : "before the first cell";
    err.WriteLine($"{name}: cell {runner.CurrentCell?.Number ?? 0} timed out: no result after {timeout.TotalSeconds:0} s, still in {where}");
    log.Flush();
    err.Flush();
    // A cell stuck in native code cannot be cancelled; end the process.
    Environment.Exit(3);
}

RunResult result;
try
{
    result = await run;
}
catch (Exception ex)
{
    var where = runner.CurrentCell is { } c ? c.Number : 0;
    err.WriteLine($"{name}: cell {where} failed: the runner crashed: {ex}");
    return 1;
}

if (writeOutputs && (result.Succeeded || outPath is not null))
{
    var target = outPath ?? notebookPath;
    notebook.Save(target);
    log.WriteLine($"notebook-runner: wrote outputs to {target}");
}

if (!result.Succeeded)
{
    err.WriteLine($"{name}: cell {result.FailedCell!.Number} failed (code cell {result.FailedCodeCell}): {result.Error}");
    if (writeOutputs && outPath is null)
    {
        err.WriteLine($"{name}: outputs not written (the notebook failed; use --out PATH to keep a failed run)");
    }

    return 1;
}

log.WriteLine($"notebook-runner: {name}: all {notebook.Cells.Count(c => c.IsCode)} code cells ran in {started.Elapsed.TotalSeconds:0.0} s");
return 0;

static string Usage() => """
    usage: notebook-runner run NOTEBOOK.ipynb [--write-outputs] [--out PATH] [--timeout SECONDS] [--quiet]
      Runs the notebook's code cells in order in an in-process C# (.NET Interactive) kernel, with the notebook's
      folder as working directory. Stops at the first failing cell and prints
        NOTEBOOK.ipynb: cell N failed (code cell K): <error>
      where N counts all cells (markdown included) from 1, K counts code cells only.
      --write-outputs   write the executed notebook back in place (only when every cell ran)
      --out PATH        write the executed notebook to PATH instead (also when a cell failed)
      --timeout S       give up after S seconds for the whole notebook (default 600); exit code 3
      --quiet           do not echo cell outputs
    """;
