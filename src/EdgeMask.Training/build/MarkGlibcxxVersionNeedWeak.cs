using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>Marks one version need of an ELF64 little-endian shared library as weak (see LibTorchSharpCompat.targets).</summary>
public class MarkGlibcxxVersionNeedWeak : Task
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlagWeak = 0x2;

    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";
    [Required] public string AllowedSymbol { get; set; } = "";

    public override bool Execute()
    {
        byte[] elf = File.ReadAllBytes(LibraryPath);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogError("{0} is not a 64-bit little-endian ELF file.", LibraryPath);
            return false;
        }

        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        int verneedIndex = -1, versymIndex = -1, dynsymIndex = -1;
        for (int i = 0; i < shnum; i++)
        {
            uint type = BitConverter.ToUInt32(elf, (int)(shoff + i * shentsize + 4));
            if (type == ShtGnuVerneed) verneedIndex = i;
            else if (type == ShtGnuVersym) versymIndex = i;
            else if (type == ShtDynsym) dynsymIndex = i;
        }

        if (verneedIndex < 0 || versymIndex < 0 || dynsymIndex < 0)
        {
            Log.LogError("{0} has no symbol version sections.", LibraryPath);
            return false;
        }

        long Offset(int section) => (long)BitConverter.ToUInt64(elf, (int)(shoff + section * shentsize + 24));
        long Size(int section) => (long)BitConverter.ToUInt64(elf, (int)(shoff + section * shentsize + 32));
        int Link(int section) => (int)BitConverter.ToUInt32(elf, (int)(shoff + section * shentsize + 40));
        long dynstr = Offset(Link(verneedIndex));
        string Str(uint offset)
        {
            int start = (int)(dynstr + offset), end = start;
            while (elf[end] != 0) end++;
            return Encoding.ASCII.GetString(elf, start, end - start);
        }

        int auxOffset = -1;
        ushort versionIndex = 0;
        long need = Offset(verneedIndex);
        int needCount = (int)BitConverter.ToUInt32(elf, (int)(shoff + verneedIndex * shentsize + 44));
        for (int n = 0; n < needCount && auxOffset < 0; n++)
        {
            int count = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            for (int a = 0; a < count; a++)
            {
                if (Str(BitConverter.ToUInt32(elf, (int)aux + 8)) == VersionName)
                {
                    auxOffset = (int)aux;
                    versionIndex = BitConverter.ToUInt16(elf, (int)aux + 6);
                    break;
                }

                aux += BitConverter.ToUInt32(elf, (int)aux + 12);
            }

            need += BitConverter.ToUInt32(elf, (int)need + 12);
        }

        if (auxOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} needs no {1}; left as it is.", LibraryPath, VersionName);
            return true;
        }

        long versym = Offset(versymIndex), dynsym = Offset(dynsymIndex);
        long symbols = Size(dynsymIndex) / 24;
        long symstr = Offset(Link(dynsymIndex));
        for (long s = 0; s < symbols; s++)
        {
            if ((BitConverter.ToUInt16(elf, (int)(versym + s * 2)) & 0x7fff) != versionIndex) continue;
            int start = (int)(symstr + BitConverter.ToUInt32(elf, (int)(dynsym + s * 24))), end = start;
            while (elf[end] != 0) end++;
            string name = Encoding.ASCII.GetString(elf, start, end - start);
            if (name != AllowedSymbol)
            {
                Log.LogError("{0}: symbol {1} needs {2}; marking that version weak would not be safe. Install a libstdc++ that provides {2}.", LibraryPath, name, VersionName);
                return false;
            }
        }

        ushort flags = BitConverter.ToUInt16(elf, auxOffset + 4);
        if ((flags & VerFlagWeak) != 0) return true;
        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, auxOffset + 4);
        // Write a new file rather than in place, so a hard link into the NuGet cache is never modified.
        string temporary = LibraryPath + ".patching";
        File.WriteAllBytes(temporary, elf);
        File.Delete(LibraryPath);
        File.Move(temporary, LibraryPath);
        Log.LogMessage(MessageImportance.Normal, "Marked the {0} need of {1} weak.", VersionName, LibraryPath);
        return true;
    }
}
