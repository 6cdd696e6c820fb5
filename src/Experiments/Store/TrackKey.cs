using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MusicCluster.Experiments.Store;

/// <summary>A track's identity in a <see cref="FeatureStore"/>: the SHA-256 of its file's bytes (so a renamed file keeps its entry).</summary>
public readonly record struct TrackKey(ulong A, ulong B, ulong C, ulong D) : IComparable<TrackKey>
{
    /// <summary>Bytes in a key.</summary>
    public const int Size = 32;

    /// <summary>The key of a 32-byte SHA-256 digest.</summary>
    public static TrackKey FromBytes(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Size) throw new ArgumentException($"a track key is {Size} bytes, got {hash.Length}", nameof(hash));
        return new(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[16..]), BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));
    }

    /// <summary>The key of the file at <paramref name="path"/> (reads the whole file once).</summary>
    public static TrackKey OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> hash = stackalloc byte[Size];
        SHA256.HashData(stream, hash);
        return FromBytes(hash);
    }

    /// <summary>The key of a 64-digit hexadecimal string (as <see cref="ToString"/> writes it).</summary>
    public static TrackKey Parse(string hex) => FromBytes(Convert.FromHexString(hex));

    /// <summary>The 32 digest bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <inheritdoc />
    public int CompareTo(TrackKey other)
    {
        int c = A.CompareTo(other.A);
        if (c != 0) return c;
        c = B.CompareTo(other.B);
        if (c != 0) return c;
        c = C.CompareTo(other.C);
        return c != 0 ? c : D.CompareTo(other.D);
    }

    /// <summary>64 lower-case hexadecimal digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
