using System.Buffers.Binary;
using System.Text;

namespace TfNotes.Engine;

/// <summary>
/// Marks one required symbol version of an ELF64 shared object as weak (<c>VER_FLG_WEAK</c>), so the dynamic
/// loader accepts the object on a host whose library lacks that version. Only flags change; no sizes or offsets.
/// </summary>
internal static class ElfVersionPatch
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    /// <summary>Sets VER_FLG_WEAK on every <c>.gnu.version_r</c> entry named <paramref name="version"/>; returns how many.</summary>
    public static int MarkWeak(byte[] elf, string version)
    {
        var s = elf.AsSpan();
        if (s.Length < 0x40 || s[0] != 0x7f || s[1] != (byte)'E' || s[2] != (byte)'L' || s[3] != (byte)'F' || s[4] != 2 || s[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        long sectionTable = BinaryPrimitives.ReadInt64LittleEndian(s[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(s[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(s[0x3C..]);
        int patched = 0;
        for (int i = 0; i < sectionCount; i++)
        {
            var header = s[(int)(sectionTable + i * entrySize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed) continue;
            long verneed = BinaryPrimitives.ReadInt64LittleEndian(header[0x18..]);
            int stringSection = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            long strings = BinaryPrimitives.ReadInt64LittleEndian(s[(int)(sectionTable + stringSection * entrySize + 0x18)..]);

            // Elf64_Verneed { u16 version, cnt; u32 file, aux, next } → Elf64_Vernaux { u32 hash; u16 flags, other; u32 name, next }
            for (long need = verneed; ; )
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(s[(int)(need + 2)..]);
                long aux = need + BinaryPrimitives.ReadUInt32LittleEndian(s[(int)(need + 8)..]);
                for (int k = 0; k < auxCount; k++)
                {
                    var name = ReadCString(elf, strings + BinaryPrimitives.ReadUInt32LittleEndian(s[(int)(aux + 8)..]));
                    if (name == version)
                    {
                        var flags = s[(int)(aux + 4)..];
                        BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) | VerFlgWeak));
                        patched++;
                    }
                    uint nextAux = BinaryPrimitives.ReadUInt32LittleEndian(s[(int)(aux + 12)..]);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(s[(int)(need + 12)..]);
                if (next == 0) break;
                need += next;
            }
        }
        return patched;
    }

    static string ReadCString(byte[] bytes, long offset)
    {
        int end = Array.IndexOf(bytes, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
