using NLayer;

namespace MusicCluster.Experiments.Audio.Mp3;

/// <summary>
/// MP3 to mono float with NLayer. The data starts after any ID3v2 tag; a Xing/Info frame is not decoded, and its LAME
/// tag's encoder delay (plus the decoder's 529-sample latency) and padding are trimmed, as ffmpeg does.
/// </summary>
internal static class Mp3FileDecoder
{
    /// <summary>Decodes <paramref name="stream"/> positioned at the first MPEG frame (after ID3v2).</summary>
    public static (float[] Samples, int SampleRate) DecodeMono(Stream stream, string name, AudioExcerpt excerpt)
    {
        long start = stream.Position;
        Span<byte> first = stackalloc byte[512];
        int got = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
        var gapless = Mp3Gapless.Read(first[..got]);
        using var audio = new SubStream(stream, start + (gapless?.HeaderFrameBytes ?? 0));
        using var mpeg = new MpegFile(audio);
        int channels = mpeg.Channels, rate = mpeg.SampleRate;
        if (channels < 1 || rate < 1) throw new Cli.UserInputException($"{name}: MP3: no valid MPEG audio frame found");
        var acc = excerpt.Accumulator(name, rate);
        long skip = gapless?.StartSkip ?? 0, keep = gapless?.Length ?? long.MaxValue, decoded = 0;
        var buffer = new float[1152 * 4 * channels];
        int n;
        while (!acc.Full && (n = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            int frames = n / channels;
            long from = Math.Clamp(skip - decoded, 0, frames), to = Math.Clamp(skip + keep - decoded, 0, frames);
            decoded += frames;
            if (to > from) acc.AddInterleaved(buffer.AsSpan((int)from * channels, (int)(to - from) * channels), channels);
        }
        // NLayer stops quietly at the last whole frame; the Xing frame count tells a truncated file from a short one.
        if (!acc.Full && gapless is { Frames: > 0 } g && decoded < (g.Frames - 1) * g.SamplesPerFrame)
            throw new Cli.UserInputException($"{name}: MP3: the Xing header announces {g.Frames} frames but the file ends after {decoded / g.SamplesPerFrame} (truncated)");
        return (excerpt.Finish(name, acc, rate), rate);
    }
}
