namespace MusicCluster.Experiments.Audio;

/// <summary>How the samples of a WAV file are encoded.</summary>
public enum WavEncoding
{
    /// <summary>Integer PCM: unsigned 8-bit, signed 16/24/32-bit little-endian.</summary>
    Pcm,

    /// <summary>IEEE float, 32 or 64 bit little-endian.</summary>
    Float,
}

/// <summary>The validated <c>fmt </c> and <c>data</c> chunks of a WAV file: sample encoding and where the samples lie.</summary>
/// <param name="Encoding">Integer PCM or IEEE float.</param>
/// <param name="Channels">Interleaved channels per frame (at least 1).</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Container bits per sample (8, 16, 24, 32 or 64).</param>
/// <param name="BlockAlign">Bytes per frame: channels × bits / 8.</param>
/// <param name="DataOffset">Byte offset of the first sample in the file.</param>
/// <param name="DataBytes">Bytes of sample data, already checked against the file length.</param>
public sealed record WavHeader(WavEncoding Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign, long DataOffset, long DataBytes)
{
    /// <summary>Whole frames in the data chunk (a trailing partial frame is ignored).</summary>
    public long Frames => DataBytes / BlockAlign;

    /// <summary>Duration in seconds.</summary>
    public double Seconds => (double)Frames / SampleRate;
}
