using System.Text;
using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// <c>cache(filename)</c>: the first complete pass writes every element to the file <c>filename</c>; later passes, and
/// other datasets or processes given the same file, read the elements from it without running the input. The pass
/// writes <c>filename.tmp-&lt;pid&gt;-&lt;random&gt;</c> and renames it to <c>filename</c> only once the input has
/// ended (after an fsync), so a pass that stops early, fails or is killed never leaves a cache that is read; a
/// leftover temporary file of a killed process is never read and may be deleted.
/// <para>Format (little-endian): the text <c>TFNOTES-CACHE 1\n</c>, the number of components (int32) and each one's
/// libtorch dtype code (int32); then per element a byte 1 and, per component, its rank (int32), dimensions (int64 each)
/// and values in row-major order; then a byte 0 and the element count (int64).</para>
/// </summary>
internal sealed class FileCacheDataset<T>(Dataset<T> input, string filename) : Dataset<T>
{
    static readonly byte[] Magic = Encoding.ASCII.GetBytes("TFNOTES-CACHE 1\n");

    internal override IEnumerator<T> OpenPass() => File.Exists(filename) ? Replay() : Fill();

    List<DType> Dtypes() => Structure<T>.Of.SpecLeaves(input.element_spec).Select(s => s.dtype).ToList();

    IEnumerator<T> Fill()
    {
        var dtypes = Dtypes();
        var temporary = $"{filename}.tmp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cache: cannot write the cache file {filename}: {e.Message}", e);
        }
        bool complete = false;
        try
        {
            using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(dtypes.Count);
                foreach (var dtype in dtypes) writer.Write((int)dtype.ScalarType);
                long count = 0;
                using var pass = input.OpenPass();
                while (pass.MoveNext())
                {
                    writer.Write((byte)1);
                    foreach (var tensor in Structure<T>.Of.Leaves(pass.Current)) Write(writer, tensor);
                    count++;
                    yield return pass.Current;
                }
                writer.Write((byte)0);
                writer.Write(count);
            }
            file.Flush(flushToDisk: true);
            file.Dispose();
            File.Move(temporary, filename, overwrite: true);
            complete = true;
        }
        finally
        {
            file.Dispose();
            if (!complete) File.Delete(temporary);
        }
    }

    static void Write(BinaryWriter writer, Tensor tensor)
    {
        using var values = tensor.Native.contiguous();
        writer.Write(values.shape.Length);
        foreach (var d in values.shape) writer.Write(d);
        writer.Write(values.bytes);
    }

    IEnumerator<T> Replay()
    {
        using var file = new FileStream(filename, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(file);
        var dtypes = Dtypes();
        List<DType> stored;
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("it is not a TfNotes cache file");
            stored = Enumerable.Range(0, reader.ReadInt32()).Select(_ => DType.FromTorch((torch.ScalarType)reader.ReadInt32())).ToList();
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or OverflowException)
        {
            throw Corrupt(e);
        }
        if (!stored.SequenceEqual(dtypes))
            throw new InvalidArgumentError($"cache: the cache file {filename} holds elements of dtypes ({string.Join(", ", stored)}), " +
                $"not this dataset's ({string.Join(", ", dtypes)}); delete it or give this dataset another filename");
        long count = 0;
        while (true)
        {
            T element;
            try
            {
                if (reader.ReadByte() == 0)
                {
                    if (reader.ReadInt64() != count) throw new InvalidDataException($"its trailer does not count the {count} elements it holds");
                    yield break;
                }
                int k = 0;
                element = Structure<T>.Of.Build(input.element_spec, _ => Read(reader, dtypes[k++]));
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or OverflowException)
            {
                throw Corrupt(e);
            }
            count++;
            yield return element;
        }
    }

    static Tensor Read(BinaryReader reader, DType dtype)
    {
        int rank = reader.ReadInt32();
        if (rank is < 0 or > 64) throw new InvalidDataException($"a component has rank {rank}");
        var dims = Enumerable.Range(0, rank).Select(_ => reader.ReadInt64()).ToArray();
        var tensor = torch.empty(dims, dtype.ScalarType);
        try
        {
            var bytes = reader.ReadBytes(checked((int)(tensor.NumberOfElements * tensor.ElementSize)));
            if (bytes.Length != tensor.NumberOfElements * tensor.ElementSize) throw new EndOfStreamException();
            tensor.bytes = bytes;
            return Tensor.Unowned(tensor);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    Exception Corrupt(Exception e) => new InvalidDataException($"cache: the cache file {filename} is truncated or corrupt ({e.Message}); delete it", e);

    public override long cardinality() => input.cardinality();
    private protected override object ComputeSpec() => input.element_spec;
}
