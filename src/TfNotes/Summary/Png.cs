using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TfNotes.Summary;

/// <summary>A PNG encoder for 8-bit images of 1 to 4 channels (gray, gray + alpha, RGB, RGBA), as <c>tf.image.encode_png</c>
/// makes them: one IHDR, one zlib-compressed IDAT of unfiltered rows, IEND.</summary>
internal static class Png
{
    static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The PNG of <paramref name="pixels"/>, rows of <paramref name="width"/> pixels of <paramref name="channels"/> bytes.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        byte colorType = channels switch { 1 => 0, 2 => 4, 3 => 2, 4 => 6, _ => throw new ArgumentOutOfRangeException(nameof(channels)) };
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, colorType); // bit depth; compression, filter and interlace stay 0
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            int row = width * channels;
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels.Slice(y * row, row));
            }
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        uint crc = ~0u;
        foreach (byte b in typed) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~crc);
        png.Write(word);
    }
}
