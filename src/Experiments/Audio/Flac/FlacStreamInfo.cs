namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>The STREAMINFO block of a FLAC stream (RFC 9639 §8.2), already range-checked.</summary>
/// <param name="MinBlockSize">Smallest block size in samples (informational).</param>
/// <param name="MaxBlockSize">Largest block size in samples (informational).</param>
/// <param name="SampleRate">Hz.</param>
/// <param name="Channels">1–8.</param>
/// <param name="BitsPerSample">4–32.</param>
/// <param name="TotalSamples">Samples per channel, or 0 when the encoder did not know.</param>
internal sealed record FlacStreamInfo(int MinBlockSize, int MaxBlockSize, int SampleRate, int Channels, int BitsPerSample, long TotalSamples);
