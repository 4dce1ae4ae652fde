using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TfNotes.Notebooks;

/// <summary>
/// A Jupyter nbformat 4 notebook held as a JSON tree, so that everything the runner does not own
/// (markdown cells, cell ids, notebook and cell metadata) is written back exactly as it was read.
/// The runner only replaces <c>outputs</c> and <c>execution_count</c> of code cells.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject _root;

    private NotebookDocument(JsonObject root, string path)
    {
        _root = root;
        Path = path;
        var cells = root["cells"] as JsonArray
                    ?? throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: not an nbformat 4 notebook (no \"cells\" array)");
        Cells = cells.Select((node, i) => new NotebookCell(i + 1, node as JsonObject
                                                                 ?? throw new InvalidDataException($"cell {i + 1} is not a JSON object")))
                     .ToList();
    }

    public string Path { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The notebook's default kernel (polyglot_notebook metadata), "csharp" when absent.</summary>
    public string DefaultKernelName =>
        _root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? "csharp";

    public static NotebookDocument Load(string path)
    {
        var text = File.ReadAllText(path);
        var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                   as JsonObject ?? throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: the file is not a JSON object");
        if (node["nbformat"]?.GetValue<int>() is int major && major != 4)
        {
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: nbformat {major} is not supported (4 is)");
        }

        return new NotebookDocument(node, path);
    }

    /// <summary>
    /// nbformat 4.5 requires an <c>id</c> on every cell. Cells written without one get a stable id derived from
    /// their position and source, once; ids already present are never changed.
    /// </summary>
    private void EnsureCellIds()
    {
        var minor = _root["nbformat_minor"]?.GetValue<int>() ?? 0;
        if (minor < 5)
        {
            return;
        }

        var used = new HashSet<string>(Cells.Select(c => c.Id).OfType<string>());
        foreach (var cell in Cells.Where(c => c.Id is null))
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{cell.Number}\n{cell.Source}")));
            var id = hash[..8];
            for (var n = 8; !used.Add(id) && n < hash.Length; n++)
            {
                id = hash[..(n + 1)];
            }

            cell.Id = id;
        }
    }

    /// <summary>Writes the notebook in the layout Jupyter itself uses (1-space indent, trailing newline, no HTML escaping).</summary>
    public void Save(string path)
    {
        EnsureCellIds();
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var json = _root.ToJsonString(options).Replace("\r\n", "\n") + "\n";
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, full, overwrite: true);
    }
}

public sealed class NotebookCell
{
    private readonly JsonObject _cell;

    internal NotebookCell(int number, JsonObject cell)
    {
        Number = number;
        _cell = cell;
    }

    /// <summary>1-based position of the cell in the notebook, markdown cells included.</summary>
    public int Number { get; }

    /// <summary>The nbformat 4.5 cell id, if the cell has one.</summary>
    public string? Id
    {
        get => _cell["id"]?.GetValue<string>();
        internal set
        {
            // Keep "id" near the top of the cell object, where Jupyter writes it.
            var rest = _cell.ToList();
            _cell.Clear();
            _cell["id"] = value;
            foreach (var (key, node) in rest.Where(p => p.Key != "id"))
            {
                _cell[key] = node;
            }
        }
    }

    public string CellType => _cell["cell_type"]?.GetValue<string>() ?? "code";

    public bool IsCode => CellType == "code";

    /// <summary>The source: nbformat allows a string or a list of lines.</summary>
    public string Source => _cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    /// <summary>The kernel the cell is written for: polyglot_notebook or the older dotnet_interactive metadata.</summary>
    public string? KernelName =>
        _cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? _cell["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>();

    public void SetOutputs(int? executionCount, IEnumerable<CellOutput> outputs)
    {
        _cell["execution_count"] = executionCount;
        var array = new JsonArray();
        foreach (var output in outputs)
        {
            array.Add(output.ToJson(executionCount));
        }

        _cell["outputs"] = array;
    }

    public void ClearOutputs() => SetOutputs(null, []);
}

/// <summary>One nbformat output of a code cell.</summary>
public abstract record CellOutput
{
    internal abstract JsonNode ToJson(int? executionCount);

    /// <summary>nbformat stores multi-line text as a list of lines, each keeping its '\n'.</summary>
    internal static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            array.Add(text[start..]);
        }

        return array;
    }
}

/// <summary><c>{"output_type": "stream", "name": "stdout"|"stderr", "text": [...]}</c></summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    internal override JsonNode ToJson(int? executionCount) => new JsonObject
    {
        ["output_type"] = "stream",
        ["name"] = Name,
        ["text"] = Lines(Text),
    };
}

/// <summary>
/// <c>display_data</c> or <c>execute_result</c> with a mime bundle. Text mime types are stored as line lists;
/// <c>image/png</c> (and other binary image types) as one base64 string, as Jupyter writes them.
/// </summary>
public sealed record DataOutput(bool IsResult, IReadOnlyList<KeyValuePair<string, string>> Data) : CellOutput
{
    internal override JsonNode ToJson(int? executionCount)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in Data)
        {
            data[mime] = IsBase64Mime(mime) ? JsonValue.Create(StripWhitespace(value)) : Lines(value);
        }

        var output = new JsonObject
        {
            ["output_type"] = IsResult ? "execute_result" : "display_data",
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        };
        if (IsResult)
        {
            output["execution_count"] = executionCount;
        }

        return output;
    }

    public static bool IsBase64Mime(string mime) =>
        mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml";

    private static string StripWhitespace(string s) =>
        s.Any(char.IsWhiteSpace) ? string.Concat(s.Where(c => !char.IsWhiteSpace(c))) : s;
}

/// <summary><c>{"output_type": "error", "ename", "evalue", "traceback"}</c></summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    internal override JsonNode ToJson(int? executionCount) => new JsonObject
    {
        ["output_type"] = "error",
        ["ename"] = Name,
        ["evalue"] = Value,
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };
}
