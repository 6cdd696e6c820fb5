using System.Buffers.Binary;

namespace MusicCluster.Experiments.Audio.Mp3;

/// <summary>
/// The Xing/Info header in an MP3's first frame and its LAME extension: how many frames follow and the encoder's
/// delay and padding, read the way ffmpeg's demuxer reads them so both decoders trim the same samples.
/// </summary>
/// <param name="HeaderFrameBytes">Length of the Xing/Info frame (it holds no audio and is not decoded), 0 when absent.</param>
/// <param name="Frames">Audio frames after it (0 when not given).</param>
/// <param name="SamplesPerFrame">1152 for MPEG-1 layer III, 576 for MPEG-2/2.5, 384 layer I.</param>
/// <param name="EncoderDelay">Samples the encoder prepended (LAME tag), or -1 without a LAME tag.</param>
/// <param name="Padding">Samples the encoder appended (LAME tag).</param>
internal sealed record Mp3Gapless(int HeaderFrameBytes, long Frames, int SamplesPerFrame, int EncoderDelay, int Padding)
{
    /// <summary>The MPEG decoder's own latency (528 + 1 samples), which ffmpeg skips together with the encoder delay.</summary>
    public const int DecoderDelay = 529;

    private static readonly int[,] Bitrates =
    {
        { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448 },   // MPEG-1 layer I
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },      // MPEG-1 layer II
        { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 },       // MPEG-1 layer III
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 },      // MPEG-2/2.5 layer I
        { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },           // MPEG-2/2.5 layers II, III
    };

    private static readonly int[] Rates = [44100, 48000, 32000];

    /// <summary>Parses the frame at the start of <paramref name="frame"/> (a few hundred bytes suffice); null when it is not a Xing/Info frame.</summary>
    public static Mp3Gapless? Read(ReadOnlySpan<byte> frame)
    {
        if (!AudioSniffer.IsMpegAudioHeader(frame)) return null;
        int version = (frame[1] >> 3) & 3, layer = 4 - ((frame[1] >> 1) & 3);   // version: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        bool mpeg1 = version == 3, mono = frame[3] >> 6 == 3;
        int bitrateIndex = frame[2] >> 4, rateIndex = (frame[2] >> 2) & 3, padding = (frame[2] >> 1) & 1;
        int rate = Rates[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        int samplesPerFrame = layer == 1 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
        if (bitrateIndex == 0 || layer != 3) return null;   // free format or not layer III: no Xing header
        int kbps = Bitrates[mpeg1 ? 2 : 4, bitrateIndex];
        int frameBytes = samplesPerFrame / 8 * kbps * 1000 / rate + padding;
        int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int at = 4 + sideInfo;
        if (frame.Length < at + 8) return null;
        var tag = frame.Slice(at, 4);
        if (!tag.SequenceEqual("Xing"u8) && !tag.SequenceEqual("Info"u8)) return null;
        uint flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 4)..]);
        at += 8;
        long frames = 0;
        if ((flags & 1) != 0) { if (frame.Length < at + 4) return null; frames = BinaryPrimitives.ReadUInt32BigEndian(frame[at..]); at += 4; }
        if ((flags & 2) != 0) at += 4;
        if ((flags & 4) != 0) at += 100;
        if ((flags & 8) != 0) at += 4;
        // LAME extension: 9-byte encoder string, then 12 bytes (method, lowpass, replay gain, flags, ABR rate), then delay/padding.
        int delay = -1, pad = 0;
        if (frame.Length >= at + 24)
        {
            var encoder = frame.Slice(at, 4);
            if (encoder.SequenceEqual("LAME"u8) || encoder.SequenceEqual("Lavf"u8) || encoder.SequenceEqual("Lavc"u8))
            {
                int v = (frame[at + 21] << 16) | (frame[at + 22] << 8) | frame[at + 23];
                delay = v >> 12;
                pad = v & 0xFFF;
            }
        }
        return new Mp3Gapless(frameBytes, frames, samplesPerFrame, delay, pad);
    }

    /// <summary>Samples to drop from the start of the decoded audio (ffmpeg's start_skip_samples).</summary>
    public int StartSkip => EncoderDelay >= 0 ? EncoderDelay + DecoderDelay : 0;

    /// <summary>Decoded samples (after <see cref="StartSkip"/>) that are real audio, or null when the length is unknown.</summary>
    public long? Length => EncoderDelay >= 0 && Frames > 0 ? Frames * SamplesPerFrame - EncoderDelay - Padding : null;
}
