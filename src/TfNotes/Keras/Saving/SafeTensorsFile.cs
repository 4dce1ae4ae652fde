using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TfNotes.Train;

namespace TfNotes.Keras.Saving;

/// <summary>
/// The safetensors format (https://huggingface.co/docs/safetensors), readable by the <c>safetensors</c> Python package:
/// <code>
/// 8 bytes   N, the header length (unsigned little-endian)
/// N bytes   UTF-8 JSON {"dense/kernel": {"dtype": "F32", "shape": [784, 256], "data_offsets": [begin, end]}, …},
///           padded with spaces to a multiple of 8
/// the rest  the values, row-major little-endian; offsets count from the first byte after the header
/// </code>
/// Files are written to a temporary file beside the target and renamed over it, so a reader never sees half a file.
/// </summary>
internal static class SafeTensorsFile
{
    static readonly (DType DType, string Code, int Size)[] Formats =
    [
        (DType.Float32, "F32", 4), (DType.Float64, "F64", 8), (DType.Int32, "I32", 4),
        (DType.Int64, "I64", 8), (DType.UInt8, "U8", 1), (DType.Bool, "BOOL", 1),
    ];

    internal static void Write(string path, IReadOnlyList<(string Name, Tensor Value)> tensors) =>
        Write(path, tensors.Select(t => (t.Name, new StoredTensor(t.Value.dtype, t.Value.shape, StoredTensor.BytesOf(t.Value)))).ToList());

    internal static void Write(string path, IReadOnlyList<(string Name, StoredTensor Value)> tensors)
    {
        var header = Header(tensors);
        AtomicFile.Write(path, file =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            file.Write(length);
            file.Write(header);
            foreach (var (_, value) in tensors) file.Write(value.Data);
        });
    }

    static byte[] Header(IReadOnlyList<(string Name, StoredTensor Value)> tensors)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            long offset = 0;
            foreach (var (name, value) in tensors)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", Formats.Single(f => f.DType == value.DType).Code);
                writer.WriteStartArray("shape");
                foreach (var d in value.Shape.dims) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset += value.Data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        int padding = (int)((8 - json.Length % 8) % 8);
        for (int i = 0; i < padding; i++) json.WriteByte((byte)' ');
        return json.ToArray();
    }

    /// <summary>The tensors of a safetensors file by name (<c>__metadata__</c> is skipped).</summary>
    internal static Dictionary<string, StoredTensor> Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"load_weights: no weights file at '{fullPath}'", fullPath);
        var bytes = File.ReadAllBytes(fullPath);
        if (bytes.Length < 8) throw Invalid(fullPath, $"it has {bytes.Length} bytes, fewer than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw Invalid(fullPath, $"the header length {headerLength} exceeds the file size {bytes.Length}");
        int dataStart = 8 + (int)headerLength;

        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw Invalid(fullPath, $"the header is not JSON ({e.Message})");
        }
        using (header)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object) throw Invalid(fullPath, "the header is not a JSON object");
            var result = new Dictionary<string, StoredTensor>();
            foreach (var entry in header.RootElement.EnumerateObject())
                if (entry.Name != "__metadata__") result[entry.Name] = Entry(fullPath, entry, bytes, dataStart);
            return result;
        }
    }

    static StoredTensor Entry(string path, JsonProperty entry, byte[] bytes, int dataStart)
    {
        try
        {
            var code = entry.Value.GetProperty("dtype").GetString();
            var format = Formats.FirstOrDefault(f => f.Code == code);
            if (format.DType is null)
                throw Invalid(path, $"tensor '{entry.Name}' has dtype '{code}' (supported: {string.Join(", ", Formats.Select(f => f.Code))})");
            var shape = new Shape(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            long size = shape.size * format.Size;
            if (shape.dims.Any(d => d < 0) || offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != size
                || dataStart + offsets[1] > bytes.Length)
                throw Invalid(path, $"tensor '{entry.Name}' of dtype {code} and shape {shape} has data_offsets [{string.Join(", ", offsets)}], " +
                    $"which do not hold its {size} bytes within the file");
            return new StoredTensor(format.DType, shape, bytes.AsSpan(dataStart + (int)offsets[0], (int)size).ToArray());
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid(path, $"tensor '{entry.Name}' needs \"dtype\", \"shape\" and \"data_offsets\" ({e.Message})");
        }
    }

    static InvalidDataException Invalid(string path, string reason) => new($"'{path}' is not a valid safetensors file: {reason}");
}
