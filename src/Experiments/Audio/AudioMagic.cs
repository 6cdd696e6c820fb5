namespace MusicCluster.Experiments.Audio;

/// <summary>Recognises an audio container from its first bytes: the one place that says "this file is audio by its content".</summary>
/// <remarks>Folder scans use it to tell audio from covers, playlists and notes without trusting the extension; a decoder that
/// learns a new container adds its signature to <see cref="Format"/>.</remarks>
public static class AudioMagic
{
    /// <summary>How many leading bytes <see cref="Format"/> needs to recognise every container it knows.</summary>
    public const int HeadLength = 16;

    /// <summary>The container's name ("WAV", "FLAC", "MP3", …) when <paramref name="head"/> starts like a known audio file, else null.</summary>
    public static string? Format(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8) || head[..4].SequenceEqual("BW64"u8))
            && head.Slice(8, 4).SequenceEqual("WAVE"u8)) return "WAV";
        if (head.Length >= 12 && head[..4].SequenceEqual("FORM"u8) && (head.Slice(8, 4).SequenceEqual("AIFF"u8) || head.Slice(8, 4).SequenceEqual("AIFC"u8))) return "AIFF";
        if (head.Length >= 4 && head[..4].SequenceEqual("fLaC"u8)) return "FLAC";
        if (head.Length >= 4 && head[..4].SequenceEqual("OggS"u8)) return "Ogg";
        if (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8)) return "MP3";
        if (head.Length >= 8 && head.Slice(4, 4).SequenceEqual("ftyp"u8)) return "MP4/M4A";
        if (head.Length >= 4 && head[..4].SequenceEqual("caff"u8)) return "CAF";
        if (head.Length >= 4 && head[..4].SequenceEqual("MAC "u8)) return "APE";
        if (head.Length >= 4 && head[..4].SequenceEqual("wvpk"u8)) return "WavPack";
        if (head.Length >= 4 && head[..4].SequenceEqual(".snd"u8)) return "AU";
        if (head.Length >= 5 && head[..5].SequenceEqual("#!AMR"u8)) return "AMR";
        if (head.Length >= 4 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return "Matroska/WebM";
        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])) return "ASF/WMA";
        if (head.Length >= 3 && IsMpegFrame(head)) return "MP3/AAC";
        return null;
    }

    /// <summary>Reads the head of <paramref name="path"/> and returns <see cref="Format"/> of it (null for an empty or unrecognised file).</summary>
    public static string? FormatOf(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        int got = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Format(head[..got]);
    }

    // An MPEG audio frame header (MP3) or an ADTS header (raw AAC): 11 sync bits and no reserved field values,
    // which keeps JPEG (FF D8) and other 0xFF-led binaries out.
    private static bool IsMpegFrame(ReadOnlySpan<byte> h)
    {
        if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return false;
        if ((h[1] & 0xF6) == 0xF0) return ((h[2] >> 2) & 0xF) < 13; // ADTS: layer 00, sampling index 0–12
        return AudioSniffer.IsMpegAudioHeader(h);
    }
}
