using System.Buffers.Binary;
using Concentus.Structs;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>
/// Ogg Opus (RFC 7845) to mono float at 48 kHz with Concentus: the OpusHead header (channel mapping families 0, 1
/// and 255, output gain), pre-skip removed from the start and the end trimmed to the last page's granule position,
/// as ffmpeg does.
/// </summary>
internal static class OpusFileDecoder
{
    /// <summary>Opus always decodes at 48 kHz.</summary>
    public const int Rate = 48000;

    private const int MaxFrame = 5760; // 120 ms, the longest Opus packet

    /// <summary>Decodes <paramref name="stream"/> (an Ogg file whose first stream is Opus).</summary>
    public static (float[] Samples, int SampleRate) DecodeMono(Stream stream, string name, AudioExcerpt excerpt)
    {
        var ogg = new OggPacketReader(stream, name, "Opus");
        if (!ogg.Next(out var head)) throw new UserInputException($"{name}: Ogg Opus: the file has no packets");
        var h = ParseHead(head, name);
        if (!ogg.Next(out var tags) || !tags.StartsWith("OpusTags"u8)) throw new UserInputException($"{name}: Ogg Opus: the OpusTags header is missing");
        // The managed constructor, not OpusCodecFactory: the factory prefers a native libopus when one is installed,
        // and the engine stays managed (and gives the same samples on every machine).
#pragma warning disable CS0618
        var decoder = new OpusMSDecoder(Rate, h.Channels, h.Streams, h.Coupled, h.Mapping);
#pragma warning restore CS0618
        var pcm = new float[MaxFrame * h.Channels];
        var acc = excerpt.Accumulator(name, Rate);
        float gain = (float)Math.Pow(10, h.GainQ8 / (20.0 * 256));
        long decoded = 0;   // samples per channel, pre-skip included
        while (!acc.Full && ogg.Next(out var packet))
        {
            int n;
            try { n = decoder.DecodeMultistream(packet, pcm, MaxFrame, false); }
            catch (Exception e) when (e is not UserInputException)
            {
                throw new UserInputException($"{name}: Ogg Opus: corrupt audio packet ({e.Message})", e);
            }
            if (n < 0) throw new UserInputException($"{name}: Ogg Opus: corrupt audio packet (decoder error {n})");
            long from = Math.Max(0, h.PreSkip - decoded), to = n;
            // On the last page the granule position says how many samples are real; the rest is encoder padding.
            if (ogg.LastPage && ogg.PageGranule >= 0) to = Math.Clamp(ogg.PageGranule - decoded, 0, n);
            decoded += n;
            if (to <= from) continue;
            var frames = pcm.AsSpan((int)from * h.Channels, (int)(to - from) * h.Channels);
            if (gain != 1f) for (int i = 0; i < frames.Length; i++) frames[i] *= gain;
            acc.AddInterleaved(frames, h.Channels);
        }
        return (excerpt.Finish(name, acc, Rate), Rate);
    }

    private sealed record OpusHead(int Channels, int PreSkip, int GainQ8, int Streams, int Coupled, byte[] Mapping);

    private static OpusHead ParseHead(ReadOnlySpan<byte> p, string name)
    {
        if (p.Length < 19 || !p.StartsWith("OpusHead"u8)) throw new UserInputException($"{name}: Ogg Opus: the first packet is not an OpusHead header");
        if (p[8] >> 4 != 0) throw new UserInputException($"{name}: Ogg Opus: unsupported OpusHead version {p[8]}");
        int channels = p[9], preSkip = BinaryPrimitives.ReadUInt16LittleEndian(p[10..]), gain = BinaryPrimitives.ReadInt16LittleEndian(p[16..]);
        int family = p[18];
        if (channels == 0) throw new UserInputException($"{name}: Ogg Opus: OpusHead says 0 channels");
        if (family == 0)
        {
            if (channels > 2) throw new UserInputException($"{name}: Ogg Opus: {channels} channels need a channel mapping table (family 0 allows 1 or 2)");
            return new OpusHead(channels, preSkip, gain, 1, channels - 1, channels == 1 ? [0] : [0, 1]);
        }
        if (p.Length < 21 + channels) throw new UserInputException($"{name}: Ogg Opus: the OpusHead channel mapping table is truncated");
        int streams = p[19], coupled = p[20];
        if (streams == 0 || coupled > streams || streams + coupled > 255)
            throw new UserInputException($"{name}: Ogg Opus: invalid stream counts ({streams} streams, {coupled} coupled)");
        var mapping = p.Slice(21, channels).ToArray();
        foreach (byte m in mapping)
            if (m != 255 && m >= streams + coupled) throw new UserInputException($"{name}: Ogg Opus: channel mapping refers to stream channel {m} of {streams + coupled}");
        return new OpusHead(channels, preSkip, gain, streams, coupled, mapping);
    }
}
