using NVorbis;

namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>Ogg Vorbis to mono float at the stream's rate: our Ogg pages, NVorbis's Vorbis decoder (which trims the end to the last granule position).</summary>
internal static class VorbisFileDecoder
{
    /// <summary>Decodes <paramref name="stream"/> (an Ogg file whose first stream is Vorbis).</summary>
    public static (float[] Samples, int SampleRate) DecodeMono(Stream stream, string name, AudioExcerpt excerpt)
    {
        // Not clipped to [-1, 1]: ffmpeg's float output is not either.
        using var reader = new StreamDecoder(new VorbisPacketProvider(new OggPacketReader(stream, name, "Vorbis"))) { ClipSamples = false };
        int channels = reader.Channels, rate = reader.SampleRate;
        if (channels < 1 || rate < 1) throw new Cli.UserInputException($"{name}: Ogg Vorbis: the header gives {channels} channel(s) at {rate} Hz");
        var acc = excerpt.Accumulator(name, rate);
        var buffer = new float[4096 * channels];
        int n;
        while (!acc.Full && (n = reader.Read(buffer, 0, buffer.Length)) > 0)
            acc.AddInterleaved(buffer.AsSpan(0, n - n % channels), channels);
        return (excerpt.Finish(name, acc, rate), rate);
    }
}
