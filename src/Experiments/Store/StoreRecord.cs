using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MusicCluster.Experiments.Store;

/// <summary>The binary layout of one track in a shard: a 72-byte header, the float32 values and a SHA-256 of both.</summary>
/// <remarks>
/// Little-endian: magic "MCST", format version (u16), reserved (u16), content hash (32 bytes), head length, patch count,
/// patch size (i32 each), reserved (i32), sum and sum of squares of the patch values (f64 each, so the patch
/// standardisation of a whole store needs no pass over the patches), then head and patch values, then the SHA-256 of
/// everything before it. Nothing in a record depends on where or when it was written, so the same track under the same
/// settings is the same bytes in every store.
/// </remarks>
internal static class StoreRecord
{
    public const int HeaderSize = 72;
    public const int ChecksumSize = 32;
    public const ushort Version = 1;
    public const int MaxValues = 1 << 28; // 1 GiB of float32: far above any track, far below a header gone wrong
    private static ReadOnlySpan<byte> Magic => "MCST"u8;

    /// <summary>What the header says, before the values are read.</summary>
    public readonly record struct Header(TrackKey Key, int HeadLength, int PatchCount, int PatchSize, double PatchSum, double PatchSumSquares)
    {
        public long Values => HeadLength + (long)PatchCount * PatchSize;
        public long Length => HeaderSize + Values * 4 + ChecksumSize;
    }

    /// <summary>Bytes of the record for these sizes.</summary>
    public static long Length(int headLength, int patchCount, int patchSize) => HeaderSize + (headLength + (long)patchCount * patchSize) * 4 + ChecksumSize;

    /// <summary>Writes the record into <paramref name="destination"/> (exactly <see cref="Length"/> bytes) and returns its checksum's offset.</summary>
    public static void Encode(TrackKey key, ReadOnlySpan<float> head, int patchCount, int patchSize, ReadOnlySpan<float> patches, Span<byte> destination)
    {
        double sum = 0, squares = 0;
        foreach (float v in patches) { sum += v; squares += (double)v * v; }
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        key.WriteTo(destination[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[40..], head.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[44..], patchCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[48..], patchSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[52..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[56..], sum);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[64..], squares);
        int p = HeaderSize;
        WriteFloats(head, destination[p..]); p += head.Length * 4;
        WriteFloats(patches, destination[p..]); p += patches.Length * 4;
        SHA256.HashData(destination[..p], destination.Slice(p, ChecksumSize));
    }

    /// <summary>Parses a header; null when the bytes are not one (wrong magic or version, sizes out of range).</summary>
    public static Header? ReadHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || !bytes.StartsWith(Magic) || BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) != Version) return null;
        int head = BinaryPrimitives.ReadInt32LittleEndian(bytes[40..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[44..]);
        int size = BinaryPrimitives.ReadInt32LittleEndian(bytes[48..]);
        if (head < 0 || count < 0 || size < 0 || head + (long)count * size > MaxValues) return null;
        return new Header(TrackKey.FromBytes(bytes.Slice(8, TrackKey.Size)), head, count, size,
            BinaryPrimitives.ReadDoubleLittleEndian(bytes[56..]), BinaryPrimitives.ReadDoubleLittleEndian(bytes[64..]));
    }

    /// <summary>True when the last 32 bytes of <paramref name="record"/> are the SHA-256 of the rest.</summary>
    public static bool ChecksumMatches(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderSize + ChecksumSize) return false;
        Span<byte> check = stackalloc byte[ChecksumSize];
        SHA256.HashData(record[..^ChecksumSize], check);
        return check.SequenceEqual(record[^ChecksumSize..]);
    }

    /// <summary>Copies little-endian float32 values out of a record's bytes.</summary>
    public static void ReadFloats(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian) { MemoryMarshal.Cast<byte, float>(source[..(destination.Length * 4)]).CopyTo(destination); return; }
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
    }

    private static void WriteFloats(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian) { MemoryMarshal.AsBytes(values).CopyTo(destination); return; }
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
    }
}
