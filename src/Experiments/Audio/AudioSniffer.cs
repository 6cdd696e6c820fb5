namespace MusicCluster.Experiments.Audio;

/// <summary>Recognises the format from the content (magic bytes after an optional ID3v2 tag), never from the file name.</summary>
public static class AudioSniffer
{
    /// <summary>The format of the stream and the offset where that format's data begins (after any ID3v2 tags).</summary>
    public static (AudioFormat Format, long DataOffset) Sniff(Stream s)
    {
        Span<byte> head = stackalloc byte[300];
        long at = 0;
        int got;
        while (true)
        {
            s.Position = at;
            got = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            long tag = Id3v2Length(head[..got]);
            if (tag == 0) break;
            at += tag;
            if (at >= s.Length) return (AudioFormat.Other, 0);
        }
        var h = head[..got];
        var format = h switch
        {
            _ when WavReader.HasWavMagic(h) => AudioFormat.Wav,
            _ when h.StartsWith("fLaC"u8) => AudioFormat.Flac,
            _ when h.StartsWith("OggS"u8) => OggCodec(h),
            _ when IsMpegAudioHeader(h) => AudioFormat.Mp3,
            _ => AudioFormat.Other,
        };
        return (format, at);
    }

    /// <summary>The total length (header, body, footer) of an ID3v2 tag at the start of <paramref name="h"/>, or 0.</summary>
    public static long Id3v2Length(ReadOnlySpan<byte> h)
    {
        if (h.Length < 10 || !h.StartsWith("ID3"u8) || h[3] == 0xFF || h[4] == 0xFF) return 0;
        if (((h[6] | h[7] | h[8] | h[9]) & 0x80) != 0) return 0;  // sizes are "synchsafe": seven bits per byte
        long size = (h[6] << 21) | (h[7] << 14) | (h[8] << 7) | h[9];
        bool footer = (h[5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /// <summary>Whether <paramref name="h"/> starts with a plausible MPEG audio frame header (not ADTS AAC, whose layer bits are 00).</summary>
    public static bool IsMpegAudioHeader(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return false;
        int version = (h[1] >> 3) & 3, layer = (h[1] >> 1) & 3, bitrate = h[2] >> 4, rate = (h[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate != 15 && rate != 3;
    }

    private static AudioFormat OggCodec(ReadOnlySpan<byte> h)
    {
        if (h.Length < 28) return AudioFormat.Other;
        int segments = h[26];
        if (27 + segments > h.Length) return AudioFormat.Other;
        var packet = h[(27 + segments)..];
        if (packet.StartsWith("\u0001vorbis"u8)) return AudioFormat.OggVorbis;
        if (packet.StartsWith("OpusHead"u8)) return AudioFormat.OggOpus;
        return AudioFormat.Other;
    }

    /// <summary>A human name for a format.</summary>
    public static string Name(AudioFormat f) => f switch
    {
        AudioFormat.Wav => "WAV",
        AudioFormat.Flac => "FLAC",
        AudioFormat.Mp3 => "MP3",
        AudioFormat.OggVorbis => "Ogg Vorbis",
        AudioFormat.OggOpus => "Ogg Opus",
        _ => "unknown",
    };
}
