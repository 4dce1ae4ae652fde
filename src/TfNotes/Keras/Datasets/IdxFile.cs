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
    /// <summary>
    /// Decompresses straight into one array of the size the header declares: the whole file never sits in memory
    /// compressed, decompressed and sliced at once (three copies of 47 MB for the training images).
    /// </summary>
    internal static NDArray Read(string path, int rank)
    {
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            var header = new byte[4 + 4 * rank];
            int headerRead = gzip.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var (dims, size) = Header(header.AsSpan(0, headerRead), path, rank);
            var values = new byte[size];
            long read = headerRead + gzip.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
            read += Drain(gzip);
            RequireLength(read, header.Length + values.LongLength, dims, path);
            return new NDArray(values, new NumSharp.Shape(dims), 'C');
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message}); delete it and get the file again", e);
        }
    }

    static long Drain(Stream stream)
    {
        var rest = new byte[81920];
        long total = 0;
        for (int n; (n = stream.Read(rest)) > 0;) total += n;
        return total;
    }

    internal static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray();
    }

    /// <summary>The header's dimensions and their product, which fits one array (a corrupt header is refused before any allocation).</summary>
    static (int[] Dims, int Size) Header(ReadOnlySpan<byte> content, string path, int rank)
    {
        if (content.Length < 4 || content[0] != 0 || content[1] != 0)
            throw new InvalidDataException($"{path}: not an IDX file (its first bytes are not the IDX magic number 00 00 08 {rank:x2})");
        if (content[2] != 0x08 || content[3] != rank)
            throw new InvalidDataException($"{path}: expected an IDX file of unsigned bytes with {rank} dimensions (magic 00 00 08 {rank:x2}), " +
                $"got magic 00 00 {content[2]:x2} {content[3]:x2}");
        int header = 4 + 4 * rank;
        if (content.Length < header)
            throw new InvalidDataException($"{path}: truncated: expected at least {header} bytes for the IDX header, got {content.Length}");
        var dims = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(content[(4 + 4 * d)..]);
            // Checked per factor: the product of three int32 dimensions can overflow a long.
            size = size < 0 || dims[d] < 0 || size > Array.MaxLength ? -1 : size * dims[d];
        }
        if (size < 0 || size > Array.MaxLength)
            throw new InvalidDataException($"{path}: the IDX header declares shape ({string.Join(", ", dims)}), which no file of this format holds: it is corrupt; delete it and get the file again");
        return (dims, (int)size);
    }

    static void RequireLength(long actual, long expected, int[] dims, string path)
    {
        if (actual != expected)
            throw new InvalidDataException($"{path}: the IDX header declares shape ({string.Join(", ", dims)}), so {expected} bytes are expected " +
                $"(decompressed), but the file holds {actual}: it is truncated or corrupt; delete it and get the file again");
    }
}
