using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// The files of one checkpoint at a prefix <c>P</c> (e.g. <c>training/ckpt-3</c>):
/// <code>
/// P.index.json                     {"format": "tfnotes.checkpoint", "version": 1,
///                                   "objects": {"model": "Sequential", "optimizer": "Adam", "epoch": "Variable", …},
///                                   "data": "ckpt-3.data-1f2e….safetensors", "data_bytes": N, "data_sha256": "…"}
/// P.data-&lt;token&gt;.safetensors   every value, named &lt;object&gt;/&lt;path&gt; (see <see cref="Checkpoint"/>)
/// </code>
/// The data file is written first (temporary file, fsync, rename), under a new name, then the index the same way;
/// the index is the commit: a reader sees the old checkpoint or the new one, never a mix, and a data file that lost
/// bytes (a copy cut short) is caught by its length and SHA-256 before anything is restored.
/// </summary>
internal static class CheckpointFiles
{
    internal const string IndexSuffix = ".index.json";
    const string Format = "tfnotes.checkpoint";

    internal static string IndexOf(string prefix) => Path.GetFullPath(prefix) + IndexSuffix;

    internal static bool Exists(string prefix) => File.Exists(IndexOf(prefix));

    internal static void Write(string prefix, IReadOnlyList<(string Name, StoredTensor Value)> tensors, IReadOnlyDictionary<string, string> objects)
    {
        var index = IndexOf(prefix);
        var directory = Path.GetDirectoryName(index)!;
        var previous = File.Exists(index) ? TryDataName(index) : null;
        var dataName = $"{Path.GetFileName(Path.GetFullPath(prefix))}.data-{Guid.NewGuid():N}.safetensors";
        var dataPath = Path.Combine(directory, dataName);
        SafeTensorsFile.Write(dataPath, tensors);
        try
        {
            var json = new JsonObject
            {
                ["format"] = Format,
                ["version"] = 1,
                ["objects"] = new JsonObject(objects.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)JsonValue.Create(o.Value)))),
                ["data"] = dataName,
                ["data_bytes"] = new FileInfo(dataPath).Length,
                ["data_sha256"] = Sha256(dataPath),
            };
            AtomicFile.WriteAllText(index, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        catch
        {
            File.Delete(dataPath);
            throw;
        }
        if (previous is not null && previous != dataName) File.Delete(Path.Combine(directory, previous));
    }

    /// <summary>The objects' kinds and the values of the checkpoint at <paramref name="prefix"/>, checked whole.</summary>
    internal static (IReadOnlyDictionary<string, string> Objects, Dictionary<string, StoredTensor> Values) Read(string prefix, string method)
    {
        var index = IndexOf(prefix);
        if (!File.Exists(index))
            throw new FileNotFoundException($"{method}: no checkpoint at '{prefix}' (no file '{index}')", index);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(index));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{method}: '{index}' is not a checkpoint index (not JSON: {e.Message})");
        }
        if (root?["format"]?.GetValue<string>() != Format || root["data"]?.GetValue<string>() is not { } dataName
            || root["data_bytes"]?.GetValue<long>() is not { } bytes || root["data_sha256"]?.GetValue<string>() is not { } sha
            || root["objects"] is not JsonObject objects)
            throw new InvalidDataException($"{method}: '{index}' is not a TfNotes checkpoint index (it needs \"format\": \"{Format}\", \"objects\", \"data\", " +
                "\"data_bytes\" and \"data_sha256\")");
        var dataPath = Path.Combine(Path.GetDirectoryName(index)!, dataName);
        if (!File.Exists(dataPath)) throw new InvalidDataException($"{method}: the checkpoint '{prefix}' is incomplete: its data file '{dataPath}' is missing");
        long length = new FileInfo(dataPath).Length;
        if (length != bytes)
            throw new InvalidDataException($"{method}: the checkpoint data file '{dataPath}' is truncated or damaged: it has {length} bytes, its index says {bytes}");
        if (Sha256(dataPath) != sha)
            throw new InvalidDataException($"{method}: the checkpoint data file '{dataPath}' is damaged: its SHA-256 differs from the one in '{index}'");
        return (objects.ToDictionary(o => o.Key, o => o.Value?.GetValue<string>() ?? ""), SafeTensorsFile.Read(dataPath));
    }

    /// <summary>Deletes the checkpoint at <paramref name="prefix"/>: its index first (so it is gone at once), then its data.</summary>
    internal static void Delete(string prefix)
    {
        var index = IndexOf(prefix);
        if (!File.Exists(index)) return;
        var data = TryDataName(index);
        File.Delete(index);
        if (data is not null) File.Delete(Path.Combine(Path.GetDirectoryName(index)!, data));
    }

    static string? TryDataName(string index)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(index))?["data"]?.GetValue<string>() is { } name && name == Path.GetFileName(name) ? name : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
