using System.Diagnostics;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>Compressed formats through ffmpeg. These run for real: a missing ffmpeg fails them (CI installs it).</summary>
public class FfmpegDecoderTests
{
    private const int Rate = 22050;

    private static double[] Signal(int frames) =>
        Enumerable.Range(0, frames).Select(i => 0.4 * Math.Sin(2 * Math.PI * 440 * i / Rate) + 0.2 * Math.Sin(2 * Math.PI * 1234 * i / Rate)).ToArray();

    private static string Encode(TempDir dir, string name, params string[] codecArgs)
    {
        var mono = Signal(Rate * 2);
        var stereo = new double[mono.Length * 2];
        for (int i = 0; i < mono.Length; i++) { stereo[2 * i] = mono[i]; stereo[2 * i + 1] = mono[i]; }
        string wav = dir.Write("source.wav", new RiffBuilder().Fmt(1, 2, Rate, 16).Data(RiffBuilder.Encode(stereo, 16, false)).Build());
        string output = dir.File(name);
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", wav }) psi.ArgumentList.Add(a);
        foreach (var a in codecArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(output);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"ffmpeg failed to create {name}: {err}");
        return output;
    }

    [Fact]
    public void FlacDecodesLosslesslyIncludingAnExcerpt()
    {
        using var dir = new TempDir();
        string flac = Encode(dir, "a.flac");
        var reference = Signal(Rate * 2);
        var y = AudioDecoder.Decode(flac, Rate, warn: _ => { });
        Assert.Equal(reference.Length, y.Length);
        for (int i = 0; i < y.Length; i += 97) Assert.Equal(reference[i], y[i], 1e-4);
        var part = AudioDecoder.Decode(flac, Rate, offset: 0.5, duration: 0.25, warn: _ => { });
        Assert.InRange(part.Length, Rate / 4 - 2, Rate / 4 + 2);
        for (int i = 0; i < part.Length; i += 31) Assert.Equal(reference[Rate / 2 + i], part[i], 1e-4);
    }

    [Theory]
    [InlineData("a.mp3", "libmp3lame")]
    [InlineData("a.ogg", "libvorbis")]
    public void LossyFormatsDecodeToTheSameSound(string name, string codec)
    {
        using var dir = new TempDir();
        string file = Encode(dir, name, "-c:a", codec, "-b:a", "128k");
        var y = AudioDecoder.Decode(file, Rate, warn: _ => { });
        Assert.InRange(y.Length, Rate * 2 - 2000, Rate * 2 + 2000);
        // Energy in the middle matches the source (0.4² / 2 + 0.2² / 2 = 0.1).
        double power = y.AsSpan(Rate / 2, Rate).ToArray().Average(v => (double)v * v);
        Assert.InRange(power, 0.09, 0.11);
    }

    [Fact]
    public void MissingFfmpegGivesAnInstallHint()
    {
        using var dir = new TempDir();
        string flac = Encode(dir, "b.flac");
        var e = Assert.Throws<UserInputException>(() => AudioDecoder.Decode(flac, warn: _ => { }, ffmpeg: new FfmpegDecoder("/nonexistent/bin/ffmpeg"), decoder: DecoderChoice.Ffmpeg));
        Assert.Contains(flac, e.Message);
        Assert.Contains("FLAC", e.Message);
        Assert.Contains("Install ffmpeg", e.Message);
        Assert.Contains("/nonexistent/bin/ffmpeg", e.Message);
    }

    [Fact]
    public void UndecodableFileNamesTheFileAndFfmpegsReason()
    {
        using var dir = new TempDir();
        string bogus = dir.Write("notes.mp3", "just some text, not audio at all\n"u8.ToArray());
        var e = Assert.Throws<UserInputException>(() => AudioDecoder.Decode(bogus, warn: _ => { }));
        Assert.Contains(bogus, e.Message);
        Assert.Contains("ffmpeg could not decode", e.Message);
    }

    [Fact]
    public void HangingDecoderIsKilledAfterTheTimeout()
    {
        if (OperatingSystem.IsWindows()) return; // a shell-script stand-in for ffmpeg needs a Unix shell
        using var dir = new TempDir();
        string script = dir.Write("slow-ffmpeg.sh", "#!/bin/sh\nexec sleep 30\n"u8.ToArray());
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        string file = dir.Write("x.ogg", "OggS not really"u8.ToArray());
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<UserInputException>(() => AudioDecoder.Decode(file, warn: _ => { }, ffmpeg: new FfmpegDecoder(script, TimeSpan.FromSeconds(1))));
        Assert.Contains("did not finish", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }
}
