using System.Security.Cryptography;
using System.Text;

namespace MusicCluster.Models.Checkpoints;

/// <summary>How a file's embedded checksum compared with its bytes.</summary>
public enum ChecksumStatus
{
    /// <summary>The checksum matches: the file is exactly what was written.</summary>
    Valid,

    /// <summary>The file carries no checksum (written by another tool or an older version).</summary>
    Missing,

    /// <summary>The file carries a checksum that its bytes do not match (truncated, bit-flipped or edited).</summary>
    Mismatch,
}

/// <summary>A SHA-256 of a whole file stored inside the file itself, as the text <c>sha256:</c> followed by 64 hex digits.</summary>
/// <remarks>
/// The digest is taken over the file with those 64 digits set to '0', so a writer puts <see cref="Placeholder"/> where the
/// checksum goes (a JSON string, a metadata value), hashes, and overwrites the zeros; a reader zeroes them again and compares.
/// Every byte is covered, the length prefix and the checksum's own position included.
/// </remarks>
public static class EmbeddedChecksum
{
    /// <summary>The text that starts a checksum.</summary>
    public const string Prefix = "sha256:";

    private const int Digits = 64;
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    /// <summary>What a writer stores before sealing: the prefix and 64 zeros.</summary>
    public static readonly string Placeholder = Prefix + new string('0', Digits);

    /// <summary>Computes the checksum of <paramref name="bytes"/> and writes it over the placeholder at <paramref name="placeholderAt"/> (the index of its prefix).</summary>
    public static void Seal(Span<byte> bytes, int placeholderAt)
    {
        var digits = bytes.Slice(placeholderAt + PrefixBytes.Length, Digits);
        if (!bytes.Slice(placeholderAt, PrefixBytes.Length).SequenceEqual(PrefixBytes) || digits.ContainsAnyExcept((byte)'0'))
            throw new ArgumentException("no checksum placeholder at the given position", nameof(placeholderAt));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        WriteHex(hash, digits);
    }

    /// <summary>Seals <paramref name="bytes"/>, which must hold the placeholder exactly once in <c>[searchStart, searchStart + searchLength)</c>.</summary>
    public static void Seal(Span<byte> bytes, int searchStart, int searchLength)
    {
        int at = FindOnly(bytes.Slice(searchStart, searchLength));
        if (at < 0) throw new ArgumentException("the bytes must hold exactly one checksum placeholder");
        Seal(bytes, searchStart + at);
    }

    /// <summary>The index of the placeholder's prefix in <paramref name="bytes"/>, or -1 when it is absent or not unique.</summary>
    public static int FindPlaceholder(ReadOnlySpan<byte> bytes) => FindOnly(bytes);

    /// <summary>Checks the checksum stored in <c>[searchStart, searchStart + searchLength)</c> against all of <paramref name="bytes"/>.</summary>
    /// <remarks>Two checksums in the searched range count as a mismatch: a file we wrote holds one.</remarks>
    public static ChecksumStatus Verify(ReadOnlySpan<byte> bytes, int searchStart, int searchLength)
    {
        var region = bytes.Slice(searchStart, searchLength);
        int first = region.IndexOf(PrefixBytes);
        if (first < 0) return ChecksumStatus.Missing;
        if (region[(first + 1)..].IndexOf(PrefixBytes) >= 0) return ChecksumStatus.Mismatch;
        int at = searchStart + first + PrefixBytes.Length;
        if (at + Digits > bytes.Length) return ChecksumStatus.Mismatch;
        var stored = bytes.Slice(at, Digits);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(bytes[..at]);
        Span<byte> zeros = stackalloc byte[Digits];
        zeros.Fill((byte)'0');
        hash.AppendData(zeros);
        hash.AppendData(bytes[(at + Digits)..]);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        Span<byte> expected = stackalloc byte[Digits];
        WriteHex(digest, expected);
        return stored.SequenceEqual(expected) ? ChecksumStatus.Valid : ChecksumStatus.Mismatch;
    }

    /// <summary>Checks a checksum stored anywhere in <paramref name="bytes"/>.</summary>
    public static ChecksumStatus Verify(ReadOnlySpan<byte> bytes) => Verify(bytes, 0, bytes.Length);

    private static int FindOnly(ReadOnlySpan<byte> bytes)
    {
        Span<byte> placeholder = stackalloc byte[PrefixBytes.Length + Digits];
        PrefixBytes.CopyTo(placeholder);
        placeholder[PrefixBytes.Length..].Fill((byte)'0');
        int at = bytes.IndexOf(placeholder);
        if (at < 0 || bytes[(at + 1)..].IndexOf(placeholder) >= 0) return -1;
        return at;
    }

    /// <summary>The 64 lowercase hex digits of a SHA-256 digest, as ASCII bytes.</summary>
    public static byte[] Hex(ReadOnlySpan<byte> hash)
    {
        var digits = new byte[Digits];
        WriteHex(hash, digits);
        return digits;
    }

    private static void WriteHex(ReadOnlySpan<byte> hash, Span<byte> digits)
    {
        const string hex = "0123456789abcdef";
        for (int i = 0; i < hash.Length; i++)
        {
            digits[2 * i] = (byte)hex[hash[i] >> 4];
            digits[2 * i + 1] = (byte)hex[hash[i] & 15];
        }
    }
}
