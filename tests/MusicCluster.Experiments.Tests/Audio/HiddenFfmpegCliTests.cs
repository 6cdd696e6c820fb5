using System.Diagnostics;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>The real command line as a child process whose PATH has no ffmpeg on it: the mixed-format dataset needs none,
/// and asking for ffmpeg (or for a managed decoder of a format without one) is a one-line error naming the file.</summary>
public class HiddenFfmpegCliTests
{
    private static (int Code, string Out, string Err) Run(TempDir dir, params string[] args)
    {
        string bin = dir.File("empty-bin");
        Directory.CreateDirectory(bin);
        return ChildProcess.Run(args, timeoutSeconds: 120, environment: new Dictionary<string, string> { ["PATH"] = bin });
    }

    private static string ErrorLine(string stderr) => Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [Fact]
    public void The_mixed_format_dataset_runs_without_ffmpeg_and_decoder_ffmpeg_fails_with_one_line()
    {
        using var dir = new TempDir();
        string data = dir.File("data");
        var manifest = MixedCorpus.Write(data);
        string features = dir.File("features.npy");

        var (code, stdout, stderr) = Run(dir, "features", "--input", data, "--kind", "spectral", "--decoder", "managed", "--out", features);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains($"({manifest.Tracks.Count} file(s), spectral)", stdout);
        Assert.Equal(manifest.Tracks.Count, File.ReadAllLines(features + ".rows.csv").Length - 1);

        // The default (auto) needs no ffmpeg either: a whole quick run of the Easy task on the mixed dataset.
        (code, _, stderr) = Run(dir, "run", "easy", "--quick", "--data", data, "--out", dir.File("out"));
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.True(File.Exists(dir.File("out/results_easy/summary.md")));

        // encode reads audio too, and takes --decoder.
        string checkpoint = Directory.GetFiles(dir.File("out/results_easy/checkpoints"), "*.safetensors").Order(StringComparer.Ordinal).First();
        (code, _, stderr) = Run(dir, "encode", "--checkpoint", checkpoint, "--data", data, "--out", dir.File("e2.npy"), "--decoder", "ffmpeg");
        Assert.Equal(2, code);
        // encode shows its feature progress on stderr; the error is the one line after it.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("error: ", lines[^1]);
        Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("because ffmpeg could not be started", lines[^1]);

        (code, _, stderr) = Run(dir, "features", "--input", data, "--kind", "spectral", "--decoder", "ffmpeg", "--out", dir.File("ff.npy"));
        Assert.Equal(2, code);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {data}", line);
        Assert.Contains("because ffmpeg could not be started", line);
        Assert.Contains("needs no ffmpeg with --decoder auto or managed", line);
        Assert.False(File.Exists(dir.File("ff.npy")));
    }

    [Fact]
    public void A_format_without_a_managed_decoder_is_one_line_naming_the_file_with_managed_and_with_auto_without_ffmpeg()
    {
        using var dir = new TempDir();
        string wav = dir.File("tone.wav");
        Experiments.Audio.WavWriter.Write(wav, Enumerable.Range(0, 22050).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray(), 1, 22050);
        string m4a = dir.File("tone.m4a");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-i", wav, "-c:a", "aac", "-b:a", "64k", m4a }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"ffmpeg (aac) failed: {err}");
        }

        var (code, _, stderr) = Run(dir, "features", "--input", m4a, "--decoder", "managed", "--out", dir.File("a.npy"));
        Assert.Equal(2, code);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {m4a}: no managed decoder for MP4/M4A audio", line);

        (code, _, stderr) = Run(dir, "features", "--input", m4a, "--out", dir.File("b.npy"));
        Assert.Equal(2, code);
        line = ErrorLine(stderr);
        Assert.StartsWith($"error: {m4a}: cannot decode MP4/M4A audio because ffmpeg could not be started", line);
        Assert.DoesNotContain("needs no ffmpeg", line);

        (code, _, stderr) = Run(dir, "features", "--input", m4a, "--decoder", "vlc", "--out", dir.File("c.npy"));
        Assert.Equal(2, code);
        Assert.Equal("error: --decoder must be managed, ffmpeg or auto (got 'vlc')", ErrorLine(stderr));
    }
}
