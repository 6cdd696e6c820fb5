using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>
/// Checks the sizes that Vorbis comment and setup headers declare before NVorbis allocates for them: comment lengths must fit
/// in the packet, and the codebooks (Vorbis I spec §3.2.1) must not declare far more than any encoder writes (an "ordered"
/// codebook or a lookup table can declare millions of entries in a few bytes, and NVorbis allocates per entry and value).
/// </summary>
internal static class VorbisHeaderCheck
{
    /// <summary>At most this many codebook entries in all (libvorbis setups hold a few thousand).</summary>
    public const long MaxEntries = 1 << 17;

    /// <summary>At most this many lookup values in all, as NVorbis expands them (entries × dimensions per codebook).</summary>
    public const long MaxLookupValues = 1 << 21;

    /// <summary>Throws a one-line error naming <paramref name="name"/> when a length in the comment header overruns the packet.</summary>
    public static void Comments(ReadOnlySpan<byte> packet, string name)
    {
        if (packet.Length < 7 || packet[0] != 3 || !packet[1..7].SequenceEqual("vorbis"u8)) return; // NVorbis reports a missing comment header
        long at = 7;
        long vendor = Length(packet, at);
        if (vendor < 0 || (at += 4 + vendor) > packet.Length) throw Error(name, "the comment header's vendor string overruns it (corrupt)");
        long count = Length(packet, at);
        at += 4;
        if (count < 0 || count > (packet.Length - at) / 4) throw Error(name, $"the comment header claims {count} comments, more than it can hold (corrupt)");
        for (long c = 0; c < count; c++)
        {
            long length = Length(packet, at);
            if (length < 0 || (at += 4 + length) > packet.Length) throw Error(name, $"comment {c + 1} overruns the comment header (corrupt)");
        }
    }

    // The 32-bit little-endian length at `at`, or -1 when the packet ends first.
    private static long Length(ReadOnlySpan<byte> packet, long at) =>
        at + 4 <= packet.Length ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(packet[(int)at..]) : -1;

    /// <summary>Throws a one-line error naming <paramref name="name"/> when the codebooks are implausible or cut short.</summary>
    public static void Setup(ReadOnlySpan<byte> packet, string name)
    {
        if (packet.Length < 8 || packet[0] != 5 || !packet[1..7].SequenceEqual("vorbis"u8)) return; // NVorbis reports a missing setup header
        var bits = new BitReader(packet[7..]);
        int books = (int)bits.Read(8) + 1;
        long entriesTotal = 0, valuesTotal = 0;
        for (int b = 0; b < books; b++)
        {
            if (bits.Read(24) != 0x564342) throw Error(name, $"codebook {b} has no sync pattern (corrupt setup header)");
            long dims = bits.Read(16), entries = bits.Read(24);
            entriesTotal += entries;
            if (entriesTotal > MaxEntries) throw Error(name, $"the codebooks declare more than {MaxEntries} entries (corrupt setup header)");
            if (bits.Read(1) == 0)
            {
                bool sparse = bits.Read(1) == 1;
                for (long e = 0; e < entries; e++)
                    if (!sparse || bits.Read(1) == 1) bits.Read(5);
            }
            else
            {
                bits.Read(5);
                for (long e = 0; e < entries && !bits.Overrun;)
                {
                    e += bits.Read(ILog(entries - e));
                    if (e > entries) throw Error(name, $"codebook {b}'s lengths overrun its {entries} entries (corrupt setup header)");
                }
            }
            if (bits.Overrun) break;
            long lookup = bits.Read(4);
            if (lookup == 0) continue;
            if (lookup > 2) throw Error(name, $"codebook {b} has lookup type {lookup} (corrupt setup header)");
            bits.Read(32);
            bits.Read(32);
            long valueBits = bits.Read(4) + 1;
            bits.Read(1);
            valuesTotal += entries * dims;
            if (valuesTotal > MaxLookupValues) throw Error(name, $"the codebooks declare more than {MaxLookupValues} lookup values (corrupt setup header)");
            long stored = lookup == 1 ? Lookup1Values(entries, dims) : entries * dims;
            bits.Skip(stored * valueBits);
        }
        if (bits.Overrun) throw Error(name, "the setup header ends inside its codebooks (truncated or corrupt)");
    }

    private static UserInputException Error(string name, string what) => new($"{name}: Ogg Vorbis: {what}");

    private static int ILog(long x)
    {
        int n = 0;
        for (; x > 0; x >>= 1) n++;
        return n;
    }

    // The largest r with r^dims <= entries (spec §9.2.3).
    private static long Lookup1Values(long entries, long dims)
    {
        if (dims == 0) return 0;
        long r = (long)Math.Floor(Math.Pow(entries, 1.0 / dims));
        while (r > 0 && Math.Pow(r, dims) > entries) r--;
        while (Math.Pow(r + 1, dims) <= entries) r++;
        return r;
    }

    // Vorbis packs bits least significant first; reading past the end yields zeros and sets Overrun, so every loop ends.
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private long _bit;

        public readonly bool Overrun => _bit > 8L * _data.Length;

        public long Read(int count)
        {
            long v = 0;
            for (int i = 0; i < count; i++, _bit++)
            {
                if (_bit >= 8L * _data.Length) { _bit = 8L * _data.Length + 1; return v; }
                v |= (long)((_data[(int)(_bit >> 3)] >> (int)(_bit & 7)) & 1) << i;
            }
            return v;
        }

        public void Skip(long count) => _bit = Math.Min(_bit + count, 8L * _data.Length + 1);
    }
}
