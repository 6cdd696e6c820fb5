using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// Decodes compressed audio (MP3, OGG/Vorbis, FLAC, M4A, …) by running <c>ffmpeg</c> as a child process that writes
/// a float32 WAV stream to a pipe. An excerpt is requested with <c>-ss</c>/<c>-t</c> before <c>-i</c>, so ffmpeg
/// seeks in the input instead of decoding it from the start.
/// </summary>
/// <param name="executable">The ffmpeg executable: a name looked up on the PATH, or a full path.</param>
/// <param name="timeout">How long one file may take before ffmpeg is killed (default 120 s).</param>
public sealed class FfmpegDecoder(string executable = "ffmpeg", TimeSpan? timeout = null)
{
    // A cap on the decoded stream (one .NET array): about 3 hours of stereo float at 48 kHz; longer needs an excerpt.
    private static readonly long MaxOutputBytes = Array.MaxLength;

    /// <summary>The executable that is run.</summary>
    public string Executable { get; } = executable;

    /// <summary>The per-file time-out.</summary>
    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(120);

    /// <summary>Decodes <paramref name="path"/> to mono at its native rate, returning the samples and that rate.</summary>
    public (float[] Samples, int SampleRate) DecodeMono(string path, string formatName, double? offset, double? duration, Action<string> warn)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error" }) psi.ArgumentList.Add(a);
        if (offset is double o) { psi.ArgumentList.Add("-ss"); psi.ArgumentList.Add(o.ToString("R", CultureInfo.InvariantCulture)); }
        if (duration is double d) { psi.ArgumentList.Add("-t"); psi.ArgumentList.Add(d.ToString("R", CultureInfo.InvariantCulture)); }
        psi.ArgumentList.Add("-i");
        psi.ArgumentList.Add(Path.GetFullPath(path));
        foreach (var a in new[] { "-vn", "-sn", "-map_metadata", "-1", "-fflags", "+bitexact", "-f", "wav", "-c:a", "pcm_f32le", "pipe:1" })
            psi.ArgumentList.Add(a);

        Process process;
        try { process = Process.Start(psi) ?? throw new Win32Exception("process did not start"); }
        catch (Win32Exception e)
        {
            throw new UserInputException(
                $"{path}: cannot decode {formatName} audio because ffmpeg could not be started ('{Executable}': {e.Message}). " +
                "Install ffmpeg and put it on the PATH (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; " +
                "Windows: winget install ffmpeg, or https://ffmpeg.org/download.html), or convert the file to WAV.", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = ReadCapped(process.StandardOutput.BaseStream);
            var clock = Stopwatch.StartNew();
            bool read = Task.WaitAny([stdout], Timeout) == 0;
            var left = Timeout - clock.Elapsed;
            if (!read || stdout.IsFaulted || !process.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                if (read && stdout.IsFaulted) throw new UserInputException($"{path}: {stdout.Exception!.InnerException!.Message}");
                throw new UserInputException($"{path}: ffmpeg did not finish decoding within {Timeout.TotalSeconds:0.#} s (killed)");
            }
            process.WaitForExit();
            string errors = stderr.Result.Trim();
            if (process.ExitCode != 0)
                throw new UserInputException($"{path}: ffmpeg could not decode this {formatName} file (exit code {process.ExitCode}): {LastLine(errors)}");
            using var ms = new MemoryStream(stdout.Result, writable: false);
            var header = WavReader.ReadHeader(ms, $"{path} (ffmpeg output)", streamed: true);
            var samples = WavReader.ReadMono(ms, header, 0, header.Frames, path, warn);
            return (samples, header.SampleRate);
        }
    }

    private static async Task<byte[]> ReadCapped(Stream s)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await s.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > MaxOutputBytes)
                throw new InvalidOperationException($"decoded audio exceeds {MaxOutputBytes >> 20} MiB; read an excerpt with an offset and a duration");
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    private static string LastLine(string text)
    {
        if (text.Length == 0) return "no message";
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines[^1];
    }
}
