using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicCluster.Fuzz.Tests;

/// <summary>What a <see cref="RiffEdit"/> changes.</summary>
public enum RiffEditKind
{
    /// <summary>The RIFF size field.</summary>
    RiffSize,
    /// <summary>One chunk's size field.</summary>
    ChunkSize,
    /// <summary>One chunk repeated right after itself.</summary>
    DuplicateChunk,
    /// <summary>One chunk moved after the next.</summary>
    ReorderChunks,
    /// <summary>A field of the 'fmt ' chunk: format tag, channels, rate, byte rate, block align, bits.</summary>
    FmtField,
}

/// <summary>A structural change to a RIFF/WAVE file, found by walking its chunks (so it hits real fields, not random bytes).</summary>
public sealed record RiffEdit(RiffEditKind Kind, int Chunk, int Field, ulong Value) : Mutation
{
    // Offsets inside the fmt body: tag, channels, rate, byte rate, block align, bits per sample.
    private static readonly (int Offset, int Width)[] FmtFields = [(0, 2), (2, 2), (4, 4), (8, 4), (12, 2), (14, 2)];

    public override byte[] Apply(byte[] input)
    {
        var chunks = Chunks(input);
        var b = (byte[])input.Clone();
        if (chunks.Count == 0 || b.Length < 12) return b;
        var (start, length) = chunks[Chunk % chunks.Count];
        switch (Kind)
        {
            case RiffEditKind.RiffSize:
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)Value);
                return b;
            case RiffEditKind.ChunkSize:
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(start + 4), (uint)Value);
                return b;
            case RiffEditKind.DuplicateChunk:
                return [.. b.AsSpan(0, start + length), .. b.AsSpan(start, length), .. b.AsSpan(start + length)];
            case RiffEditKind.ReorderChunks:
                if (chunks.Count < 2) return b;
                int i = Chunk % (chunks.Count - 1);
                var (s1, l1) = chunks[i];
                var (s2, l2) = chunks[i + 1];
                return [.. b.AsSpan(0, s1), .. b.AsSpan(s2, l2), .. b.AsSpan(s1, l1), .. b.AsSpan(s2 + l2)];
            default:
                int fmt = chunks.FindIndex(c => b.AsSpan(c.Start, 4).SequenceEqual("fmt "u8));
                if (fmt < 0) return b;
                var (offset, width) = FmtFields[Field % FmtFields.Length];
                int at = chunks[fmt].Start + 8 + offset;
                if (at + width > b.Length) return b;
                if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)Value);
                else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), (uint)Value);
                return b;
        }
    }

    // (start, length including header and pad byte) of every well-formed chunk after the 12-byte RIFF header.
    private static List<(int Start, int Length)> Chunks(byte[] b)
    {
        var list = new List<(int, int)>();
        long pos = 12;
        while (pos + 8 <= b.Length)
        {
            long size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)pos + 4));
            long total = 8 + size + (size & 1);
            if (pos + total > b.Length) break;
            list.Add(((int)pos, (int)total));
            pos += total;
        }
        return list;
    }
}

/// <summary>Replaces the shape tuple of a .npy header (huge, negative, empty, many axes, malformed) and keeps the header-length field consistent.</summary>
public sealed record NpyShape(string Shape) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        if (input.Length < 10 || input[6] != 1) return (byte[])input.Clone();
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(8));
        if (10 + headerLength > input.Length) return (byte[])input.Clone();
        string header = Encoding.Latin1.GetString(input, 10, headerLength);
        string changed = Regex.Replace(header, @"\((?:[^()]*)\)", Shape.Replace("$", "$$"), RegexOptions.None, TimeSpan.FromSeconds(1));
        var bytes = Encoding.Latin1.GetBytes(changed);
        if (bytes.Length > ushort.MaxValue) return (byte[])input.Clone();
        var head = new byte[10];
        input.AsSpan(0, 10).CopyTo(head);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(8), (ushort)bytes.Length);
        return [.. head, .. bytes, .. input.AsSpan(10 + headerLength)];
    }
}

/// <summary>Applies a text mutation to the JSON header of a safetensors file and rewrites the 8-byte length so the reader gets past it.</summary>
public sealed record SafetensorsHeader(Mutation Inner) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        if (input.Length < 8) return (byte[])input.Clone();
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(input);
        if (length > (ulong)(input.Length - 8)) return (byte[])input.Clone();
        var header = Inner.Apply(input[8..(8 + (int)length)]);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        return [.. prefix, .. header, .. input.AsSpan(8 + (int)length)];
    }
}

/// <summary>Wraps the whole document in <see cref="Depth"/> levels of arrays or objects (deep JSON nesting).</summary>
public sealed record JsonNest(int Depth, bool Objects) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var sb = new StringBuilder(Depth * 6 + input.Length);
        for (int i = 0; i < Depth; i++) sb.Append(Objects ? "{\"a\":" : "[");
        sb.Append(Encoding.UTF8.GetString(input));
        for (int i = 0; i < Depth; i++) sb.Append(Objects ? '}' : ']');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
