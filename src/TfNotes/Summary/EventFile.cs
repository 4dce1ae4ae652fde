using System.Buffers.Binary;
using System.Numerics;
using Google.Protobuf;

namespace TfNotes.Summary;

/// <summary>
/// One TensorFlow event file: TFRecord framing (length, masked CRC32C of the length, the serialized
/// <c>Event</c>, masked CRC32C of it) under TensorFlow 2's name
/// <c>events.out.tfevents.&lt;unix seconds, 10 digits&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;.v2</c>, starting with the
/// <c>brain.Event:2</c> version event. Events are buffered and flushed (with an fsync) as TensorFlow's writer does:
/// when more than <c>max_queue</c> are pending or <c>flush_millis</c> have passed since the last flush.
/// </summary>
internal sealed class EventFile : IDisposable
{
    static int filesMade; // TensorFlow's per-process counter in the file name
    readonly FileStream stream;
    readonly int maxQueue;
    readonly long flushMillis;
    long lastFlush = Environment.TickCount64;
    int pending;

    internal string Path { get; }

    internal EventFile(string logdir, int maxQueue, long flushMillis, string suffix)
    {
        (this.maxQueue, this.flushMillis) = (maxQueue, flushMillis);
        long seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string sep = suffix.StartsWith('.') ? "" : ".";
        var name = $"events.out.tfevents.{seconds:D10}.{System.Net.Dns.GetHostName()}.{Environment.ProcessId}.{Interlocked.Increment(ref filesMade) - 1}{sep}{suffix}";
        Path = System.IO.Path.Combine(logdir, name);
        stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        Write(new Tensorboard.Event { WallTime = Now(), FileVersion = "brain.Event:2" });
        Flush();
    }

    internal static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    internal void Write(Tensorboard.Event e)
    {
        var data = e.ToByteArray();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
        if (++pending > maxQueue || Environment.TickCount64 - lastFlush > flushMillis) Flush();
    }

    /// <summary>Makes the events written so far visible to readers, and durable.</summary>
    internal void Flush()
    {
        stream.Flush(flushToDisk: true);
        pending = 0;
        lastFlush = Environment.TickCount64;
    }

    /// <summary>TFRecord's checksum: CRC-32C, rotated right by 15 bits plus a constant.</summary>
    internal static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }

    public void Dispose()
    {
        Flush();
        stream.Dispose();
    }
}
