using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace TfNotes.Notebooks;

/// <summary>The outcome of running a notebook: which cell failed (if any) and why.</summary>
public sealed record RunResult(bool Succeeded, NotebookCell? FailedCell, int FailedCodeCell, string? Error);

/// <summary>
/// Runs the code cells of one notebook, in order, in a C# kernel hosted in this process — the same kernel
/// (Microsoft.DotNet.Interactive.CSharp with NuGet <c>#r</c>/<c>#i</c>) that VS Code's Polyglot Notebooks and the
/// dotnet-interactive Jupyter kernel use. One notebook per process: assemblies loaded by a notebook stay loaded.
/// </summary>
public sealed class NotebookRunner : IDisposable
{
    /// <summary>Mime types kept in written outputs, in the order they appear in a bundle.</summary>
    private static readonly string[] KeptMimeTypes =
        ["image/png", "image/jpeg", "image/gif", "image/svg+xml", "text/html", "text/markdown", "application/json", "text/plain"];

    private readonly CompositeKernel _kernel;
    private readonly TextWriter _log;
    private readonly bool _echo;
    private readonly object _gate = new();
    private CellCapture? _current;

    public NotebookRunner(TextWriter log, bool echo = true)
    {
        _log = log;
        _echo = echo;
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing()
            .UseWho();

        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        _kernel.KernelEvents.Subscribe(OnEvent);
    }

    /// <summary>The code cell being run (for timeout messages), or null.</summary>
    public NotebookCell? CurrentCell { get; private set; }

    public int CurrentCodeCell { get; private set; }

    public async Task<RunResult> RunAsync(NotebookDocument notebook, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(notebook.Path);
        var codeCellNumber = 0;
        foreach (var cell in notebook.Cells)
        {
            if (!cell.IsCode)
            {
                continue;
            }

            codeCellNumber++;
            CurrentCell = cell;
            CurrentCodeCell = codeCellNumber;
            var source = cell.Source;
            var kernelName = cell.KernelName;
            if (kernelName is not null && kernelName != "csharp" && !IsCSharpAlias(kernelName))
            {
                var message = $"the cell is for kernel '{kernelName}'; the runner only hosts C# (csharp)";
                cell.SetOutputs(codeCellNumber, [new ErrorOutput("UnsupportedKernel", message, [message])]);
                ClearCellsAfter(notebook, cell);
                return new RunResult(false, cell, codeCellNumber, message);
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                cell.SetOutputs(null, []);
                continue;
            }

            _log.WriteLine($"--- {name}: cell {cell.Number} (code cell {codeCellNumber}) ---");
            var capture = new CellCapture();
            lock (_gate)
            {
                _current = capture;
            }

            var watch = Stopwatch.StartNew();
            KernelCommandResult result;
            try
            {
                result = await _kernel.SendAsync(new SubmitCode(source, "csharp"), cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    _current = null;
                }
            }

            var failed = result.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command == result.Command)
                         ?? result.Events.OfType<CommandFailed>().FirstOrDefault();
            var outputs = capture.ToOutputs();
            if (failed is not null)
            {
                var error = DescribeFailure(failed);
                outputs.Add(ToErrorOutput(failed, error));
                cell.SetOutputs(codeCellNumber, outputs);
                var details = failed.Exception is null or CodeSubmissionCompilationErrorException ? error : failed.Exception.ToString();
                _log.WriteLine($"    FAILED ({watch.Elapsed.TotalSeconds:0.0} s): {details}");
                ClearCellsAfter(notebook, cell);
                return new RunResult(false, cell, codeCellNumber, error);
            }

            cell.SetOutputs(codeCellNumber, outputs);
            _log.WriteLine($"    ok ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        CurrentCell = null;
        return new RunResult(true, null, 0, null);
    }

    /// <summary>Cells after a failed one did not run: drop outputs left from an earlier run.</summary>
    private static void ClearCellsAfter(NotebookDocument notebook, NotebookCell failed)
    {
        foreach (var later in notebook.Cells.Where(c => c.IsCode && c.Number > failed.Number))
        {
            later.ClearOutputs();
        }
    }

    private static bool IsCSharpAlias(string name) =>
        name.Equals("C#", StringComparison.OrdinalIgnoreCase) || name.Equals("cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>One line (or, for compile errors, the diagnostics) saying what went wrong.</summary>
    private static string DescribeFailure(CommandFailed failed)
    {
        if (failed.Exception is CodeSubmissionCompilationErrorException compile)
        {
            return compile.Message.Trim();
        }

        if (failed.Exception is { } ex)
        {
            var text = $"{ex.GetType().FullName}: {ex.Message}";
            for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            {
                text += $" ---> {inner.GetType().FullName}: {inner.Message}";
            }

            return text.Trim();
        }

        return string.IsNullOrWhiteSpace(failed.Message) ? "the command failed without a message" : failed.Message.Trim();
    }

    private static ErrorOutput ToErrorOutput(CommandFailed failed, string summary)
    {
        var ename = failed.Exception?.GetType().Name ?? "Error";
        var evalue = failed.Exception is { } ex and not CodeSubmissionCompilationErrorException ? ex.Message : summary;
        var details = failed.Exception is { } e and not CodeSubmissionCompilationErrorException ? e.ToString() : summary;
        var traceback = details.Replace("\r\n", "\n").Split('\n').ToList();
        return new ErrorOutput(ename, evalue, traceback);
    }

    private void OnEvent(KernelEvent e)
    {
        CellCapture? capture;
        lock (_gate)
        {
            capture = _current;
        }

        if (capture is null)
        {
            return;
        }

        switch (e)
        {
            case StandardOutputValueProduced o:
                Echo(capture.AddStream("stdout", Text(o.FormattedValues)));
                break;
            case StandardErrorValueProduced o:
                Echo(capture.AddStream("stderr", Text(o.FormattedValues)));
                break;
            case DisplayedValueUpdated u:
                capture.Update(u.ValueId, Bundle(u.FormattedValues, u.Value));
                break;
            case ReturnValueProduced r:
                EchoBundle(capture.AddData(isResult: true, r.ValueId, Bundle(r.FormattedValues, r.Value)));
                break;
            case DisplayedValueProduced d:
                EchoBundle(capture.AddData(isResult: false, d.ValueId, Bundle(d.FormattedValues, d.Value)));
                break;
        }
    }

    private static string Text(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? values.FirstOrDefault()?.Value ?? "";

    /// <summary>
    /// The mime bundle of a displayed or returned value. .NET Interactive formats most values as text/html only; the
    /// runner adds a text/plain rendering beside it (Jupyter's convention) so every viewer has something to show.
    /// Line endings are normalised to '\n' so re-running a notebook gives stable diffs.
    /// </summary>
    private static List<KeyValuePair<string, string>> Bundle(IReadOnlyCollection<FormattedValue> values, object? value)
    {
        var shown = values.Where(v => !v.SuppressDisplay).ToList();
        var bundle = new List<KeyValuePair<string, string>>();
        foreach (var mime in KeptMimeTypes)
        {
            if (shown.FirstOrDefault(v => v.MimeType == mime) is { } formatted)
            {
                bundle.Add(new(mime, Normalize(mime, formatted.Value)));
            }
        }

        // Anything else the kernel produced (e.g. a custom mime type) is kept after the known ones.
        foreach (var formatted in shown.Where(v => !KeptMimeTypes.Contains(v.MimeType)))
        {
            if (bundle.All(b => b.Key != formatted.MimeType))
            {
                bundle.Add(new(formatted.MimeType, Normalize(formatted.MimeType, formatted.Value)));
            }
        }

        if (bundle.Count > 0 && bundle.All(b => b.Key != "text/plain") && !bundle.Any(b => DataOutput.IsBase64Mime(b.Key))
            && bundle.Any(b => b.Key == "text/html") && value is not null)
        {
            try
            {
                bundle.Add(new("text/plain", Normalize("text/plain", value.ToDisplayString(PlainTextFormatter.MimeType))));
            }
            catch (Exception)
            {
                // A value whose plain-text formatting throws keeps only its HTML.
            }
        }

        return bundle;
    }

    private static string Normalize(string mime, string value) =>
        DataOutput.IsBase64Mime(mime) ? value : value.Replace("\r\n", "\n");

    private void Echo(string text)
    {
        if (_echo && text.Length > 0)
        {
            _log.Write(text.EndsWith('\n') ? text : text + "\n");
        }
    }

    private void EchoBundle(IReadOnlyList<KeyValuePair<string, string>> bundle)
    {
        if (!_echo || bundle.Count == 0)
        {
            return;
        }

        var text = bundle.FirstOrDefault(b => b.Key == "text/plain").Value;
        var image = bundle.FirstOrDefault(b => DataOutput.IsBase64Mime(b.Key));
        if (image.Key is not null)
        {
            _log.WriteLine($"[{image.Key}, {image.Value.Length * 3 / 4} bytes]");
        }
        else if (text is not null)
        {
            Echo(text);
        }
        else
        {
            _log.WriteLine($"[{string.Join(", ", bundle.Select(b => b.Key))}]");
        }
    }

    public void Dispose() => _kernel.Dispose();

    /// <summary>Outputs of one cell, in the order they were produced; consecutive stream text is merged.</summary>
    private sealed class CellCapture
    {
        private readonly object _gate = new();
        private readonly List<Entry> _entries = [];

        public string AddStream(string name, string text)
        {
            lock (_gate)
            {
                if (_entries.Count > 0 && _entries[^1] is { Stream: { } s } last && last.StreamName == name)
                {
                    s.Append(text);
                }
                else
                {
                    _entries.Add(new Entry { StreamName = name, Stream = new System.Text.StringBuilder(text) });
                }
            }

            return text;
        }

        public List<KeyValuePair<string, string>> AddData(bool isResult, string? valueId, List<KeyValuePair<string, string>> bundle)
        {
            lock (_gate)
            {
                if (bundle.Count > 0)
                {
                    _entries.Add(new Entry { IsResult = isResult, ValueId = valueId, Data = bundle });
                }
            }

            return bundle;
        }

        public void Update(string? valueId, List<KeyValuePair<string, string>> bundle)
        {
            lock (_gate)
            {
                var entry = valueId is null ? null : _entries.LastOrDefault(e => e.ValueId == valueId);
                if (entry is not null)
                {
                    entry.Data = bundle;
                }
                else if (bundle.Count > 0)
                {
                    _entries.Add(new Entry { ValueId = valueId, Data = bundle });
                }
            }
        }

        public List<CellOutput> ToOutputs()
        {
            lock (_gate)
            {
                var outputs = new List<CellOutput>();
                foreach (var e in _entries)
                {
                    if (e.Stream is not null)
                    {
                        outputs.Add(new StreamOutput(e.StreamName!, e.Stream.ToString()));
                    }
                    else if (e.Data is { Count: > 0 })
                    {
                        outputs.Add(new DataOutput(e.IsResult, e.Data));
                    }
                }

                return outputs;
            }
        }

        private sealed class Entry
        {
            public string? StreamName;
            public System.Text.StringBuilder? Stream;
            public bool IsResult;
            public string? ValueId;
            public List<KeyValuePair<string, string>>? Data;
        }
    }
}
