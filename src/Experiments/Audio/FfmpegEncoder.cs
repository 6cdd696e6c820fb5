using System.ComponentModel;
using System.Diagnostics;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>Encodes a WAV file to FLAC, MP3, Ogg Vorbis or Ogg Opus with <c>ffmpeg</c>: how <c>bench decode</c> and the
/// mixed-format tests make their compressed files from deterministic audio.</summary>
public static class FfmpegEncoder
{
    /// <summary>The formats with a managed decoder, in the order benchmarks and tests list them.</summary>
    public static readonly AudioFormat[] Compressed = [AudioFormat.Flac, AudioFormat.Mp3, AudioFormat.OggVorbis, AudioFormat.OggOpus];

    /// <summary>The file extension of <paramref name="format"/> (with the dot).</summary>
    public static string Extension(AudioFormat format) => format switch
    {
        AudioFormat.Wav => ".wav",
        AudioFormat.Flac => ".flac",
        AudioFormat.Mp3 => ".mp3",
        AudioFormat.OggVorbis => ".ogg",
        AudioFormat.OggOpus => ".opus",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no encoder"),
    };

    /// <summary>Encodes <paramref name="wav"/> to <paramref name="output"/> in <paramref name="format"/> at a typical music
    /// quality (MP3 128 kb/s, Vorbis q4, Opus 96 kb/s); bit-exact flags keep the output the same for the same ffmpeg.</summary>
    public static void Encode(string wav, string output, AudioFormat format, string executable = "ffmpeg")
    {
        string[] codec = format switch
        {
            AudioFormat.Flac => ["-c:a", "flac"],
            AudioFormat.Mp3 => ["-c:a", "libmp3lame", "-b:a", "128k"],
            AudioFormat.OggVorbis => ["-c:a", "libvorbis", "-q:a", "4"],
            AudioFormat.OggOpus => ["-c:a", "libopus", "-b:a", "96k"],
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no encoder"),
        };
        var psi = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-nostdin", "-y", "-v", "error", "-i", wav, "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", .. codec, output])
            psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new Win32Exception("process did not start"); }
        catch (Win32Exception e) { throw new UserInputException($"{output}: cannot encode {AudioSniffer.Name(format)} because ffmpeg could not be started ('{executable}': {e.Message})", e); }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            _ = stdout.Result;
            if (p.ExitCode != 0)
                throw new UserInputException($"{output}: ffmpeg could not encode {AudioSniffer.Name(format)} (exit code {p.ExitCode}): {err.Trim().Split('\n')[^1]}");
        }
    }
}
