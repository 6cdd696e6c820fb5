using System.Diagnostics;
using MusicCluster.Experiments.Audio.Flac;
using MusicCluster.Experiments.Audio.Mp3;
using MusicCluster.Experiments.Audio.Ogg;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// The managed decoders behind one call: FLAC (ours), MP3 (NLayer), Ogg Vorbis (NVorbis), Ogg Opus (Concentus).
/// Whatever a package throws on a damaged file becomes a one-line <see cref="UserInputException"/> naming the file.
/// </summary>
public static class ManagedDecoders
{
    /// <summary>Whether <paramref name="format"/> has a managed decoder (WAV is read by <see cref="WavReader"/>).</summary>
    public static bool Handles(AudioFormat format) => format is AudioFormat.Flac or AudioFormat.Mp3 or AudioFormat.OggVorbis or AudioFormat.OggOpus;

    /// <summary>Decodes <paramref name="stream"/>, positioned where the format's data begins, to mono at the file's rate.</summary>
    internal static (float[] Samples, int SampleRate) DecodeMono(AudioFormat format, Stream stream, string name, AudioExcerpt excerpt)
    {
        (float[] Samples, int SampleRate) result;
        try
        {
            result = format switch
            {
                AudioFormat.Flac => FlacFileDecoder.DecodeMono(stream, name, excerpt),
                AudioFormat.Mp3 => Mp3FileDecoder.DecodeMono(stream, name, excerpt),
                AudioFormat.OggVorbis => VorbisFileDecoder.DecodeMono(stream, name, excerpt),
                AudioFormat.OggOpus => OpusFileDecoder.DecodeMono(stream, name, excerpt),
                _ => throw new UnreachableException($"no managed decoder for {format}"),
            };
        }
        // Packages throw anything on damaged input (NLayer an ArgumentOutOfRangeException, NVorbis an IndexOutOfRangeException).
        catch (Exception e) when (e is not (UserInputException or UnreachableException or OutOfMemoryException or OperationCanceledException))
        {
            string why = e is EndOfStreamException ? "the file ends unexpectedly (truncated)" : FirstLine(e.Message);
            throw new UserInputException($"{name}: cannot decode this {AudioSniffer.Name(format)} file: {why}", e);
        }
        // The rate sizes the resampler's filter: the same bounds as for WAV (a Vorbis header holds any 32-bit rate).
        if (result.SampleRate is < WavReader.MinSampleRate or > WavReader.MaxSampleRate)
            throw new UserInputException($"{name}: {AudioSniffer.Name(format)} sample rate {result.SampleRate} Hz is not plausible " +
                $"(expected {WavReader.MinSampleRate} Hz to {WavReader.MaxSampleRate / 1_000_000.0:0.#} MHz)");
        return result;
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return (nl < 0 ? s : s[..nl]).Trim();
    }
}
