namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>FLAC to mono float at the file's rate, stopping as soon as the excerpt is complete.</summary>
internal static class FlacFileDecoder
{
    /// <summary>Decodes <paramref name="stream"/> (positioned at "fLaC"); returns the mono samples and the sample rate.</summary>
    public static (float[] Samples, int SampleRate) DecodeMono(Stream stream, string name, AudioExcerpt excerpt)
    {
        var reader = new FlacReader(stream, name);
        var info = reader.Info;
        var acc = excerpt.Accumulator(name, info.SampleRate);
        while (!acc.Full && reader.ReadFrame())
            acc.AddPlanar(reader.Channels, info.Channels, reader.BlockSize, info.BitsPerSample);
        return (excerpt.Finish(name, acc, info.SampleRate), info.SampleRate);
    }
}
