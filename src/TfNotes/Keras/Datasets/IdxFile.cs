using System.Buffers.Binary;
using System.IO.Compression;
using NumSharp;

namespace TfNotes.Keras.Datasets;

/// <summary>
/// The IDX format of MNIST-style files (gzip-compressed): bytes 0–1 zero, byte 2 the element type (0x08 = unsigned
/// byte, the only one these datasets use), byte 3 the rank, then one big-endian int32 per dimension, then the values.
/// </summary>
internal static class IdxFile
{
    internal static NDArray Read(string path, int rank)
    {
        byte[] content;
        try
        {
            content = Decompress(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message}); delete it and get the file again", e);
        }
        return Parse(content, path, rank);
    }

    internal static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray();
    }

    internal static NDArray Parse(byte[] content, string path, int rank)
    {
        if (content.Length < 4 || content[0] != 0 || content[1] != 0)
            throw new InvalidDataException($"{path}: not an IDX file (its first bytes are not the IDX magic number 00 00 08 {rank:x2})");
        if (content[2] != 0x08 || content[3] != rank)
            throw new InvalidDataException($"{path}: expected an IDX file of unsigned bytes with {rank} dimensions (magic 00 00 08 {rank:x2}), " +
                $"got magic 00 00 {content[2]:x2} {content[3]:x2}");
        int header = 4 + 4 * rank;
        if (content.Length < header)
            throw new InvalidDataException($"{path}: truncated: expected at least {header} bytes for the IDX header, got {content.Length}");
        var dims = Enumerable.Range(0, rank).Select(d => BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + 4 * d))).ToArray();
        long expected = header + dims.Aggregate(1L, (p, d) => p * d);
        if (content.Length != expected)
            throw new InvalidDataException($"{path}: the IDX header declares shape ({string.Join(", ", dims)}), so {expected} bytes are expected " +
                $"(decompressed), but the file holds {content.Length}: it is truncated or corrupt; delete it and get the file again");
        return new NDArray(content[header..], new NumSharp.Shape(dims), 'C');
    }
}
