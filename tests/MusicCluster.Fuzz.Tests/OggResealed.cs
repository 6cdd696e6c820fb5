using System.Buffers.Binary;
using MusicCluster.Experiments.Audio.Ogg;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Another mutation, then every complete Ogg page gets its checksum recomputed: the damage reaches the Vorbis and Opus
/// packet decoders instead of stopping at the page CRC check.</summary>
public sealed record OggResealed(Mutation Inner) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var b = Inner.Apply(input);
        for (int at = b.AsSpan().IndexOf("OggS"u8); at >= 0;)
        {
            int length = PageLength(b.AsSpan(at));
            if (length > 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 22), 0);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 22), OggCrc.Update(0, b.AsSpan(at, length)));
            }
            int next = b.AsSpan(at + 4).IndexOf("OggS"u8);
            at = next < 0 ? -1 : at + 4 + next;
        }
        return b;
    }

    // Header (27 bytes + segment table) plus body, or 0 when the page does not fit in what is left.
    private static int PageLength(ReadOnlySpan<byte> page)
    {
        if (page.Length < 27) return 0;
        int segments = page[26], header = 27 + segments;
        if (page.Length < header) return 0;
        int body = 0;
        foreach (byte lace in page.Slice(27, segments)) body += lace;
        return header + body <= page.Length ? header + body : 0;
    }
}
