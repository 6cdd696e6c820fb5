using System.Diagnostics;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>MP3 (NLayer), Ogg Vorbis (NVorbis) and Ogg Opus (Concentus) against ffmpeg's decode of the same files.</summary>
public class LossyDecoderTests
{
    public static TheoryData<string, int> Files() => new()
    {
        { "lame_stereo_44k.mp3", 1152 },
        { "lame_mono_22k_id3.mp3", 576 },
        { "lame_stereo_48k_noxing.mp3", 1152 },
        { "vorbis_stereo_44k.ogg", 2048 },
        { "vorbis_mono_22k.ogg", 2048 },
        { "opus_stereo_48k.opus", 960 },
        { "opus_mono_16k.opus", 960 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void AgreesWithFfmpegAtFortyDecibels(string name, int frame)
    {
        string path = AudioFixtures.File(name);
        var (managed, rate) = AudioFixtures.Native(path, DecoderChoice.Managed);
        var (reference, ffRate) = name.EndsWith(".opus", StringComparison.Ordinal) ? LibopusReference(path) : AudioFixtures.Native(path, DecoderChoice.Ffmpeg);
        Assert.Equal(ffRate, rate);
        Assert.InRange(managed.Length - reference.Length, -frame, frame);
        var (lag, snr) = SignalComparison.BestAlignment(reference, managed, maxLag: 2 * frame);
        Assert.True(snr >= 40, $"{name}: SNR {snr:0.0} dB at lag {lag} (lengths {managed.Length} vs ffmpeg {reference.Length})");
        Assert.Equal(0, lag);
    }

    // ffmpeg's own Opus decoder resamples SILK frames differently from libopus (the two ffmpeg decoders differ by
    // ~25 dB on the 16 kHz fixture); Concentus is a port of libopus, so the Opus reference is ffmpeg with -c:a libopus.
    private static (float[] Samples, int Rate) LibopusReference(string path)
    {
        using var dir = new TempDir();
        string wav = dir.File("ref.wav");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-c:a", "libopus", "-i", path, "-c:a", "pcm_f32le", wav }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"ffmpeg -c:a libopus failed: {err}");
        return AudioFixtures.Native(wav, DecoderChoice.Ffmpeg);
    }

    [Theory]
    [InlineData("lame_stereo_44k.mp3")]
    [InlineData("vorbis_stereo_44k.ogg")]
    [InlineData("opus_stereo_48k.opus")]
    public void ExcerptIsTheSameSliceOfTheWholeDecode(string name)
    {
        string path = AudioFixtures.File(name);
        var (all, rate) = AudioFixtures.Native(path, DecoderChoice.Managed);
        var (part, _) = AudioFixtures.Native(path, DecoderChoice.Managed, offset: 0.25, duration: 0.5);
        Assert.Equal(rate / 2, part.Length);
        Assert.Equal(all.AsSpan(rate / 4, rate / 2).ToArray(), part);
    }

    public static TheoryData<string> Names() => ["lame_stereo_44k.mp3", "lame_mono_22k_id3.mp3", "vorbis_stereo_44k.ogg", "opus_stereo_48k.opus"];

    [Theory]
    [MemberData(nameof(Names))]
    public void TruncatedFileIsAOneLineError(string name)
    {
        // Ogg pages carry their length; an MP3 with a Xing header says how many frames follow.
        using var dir = new TempDir();
        string path = AudioFixtures.Damaged(dir, name, b => b[..(b.Length / 2)]);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DamagedBytesGiveAOneLineErrorNamingTheFile(string name)
    {
        using var dir = new TempDir();
        // Scramble a stretch in the middle (after the headers) with a fixed pattern.
        string path = AudioFixtures.Damaged(dir, name, b =>
        {
            var rng = new Random(17);
            for (int i = b.Length / 3; i < b.Length / 3 + 600; i++) b[i] = (byte)rng.Next(256);
            return b;
        });
        try
        {
            var (y, _) = AudioFixtures.Native(path, DecoderChoice.Managed);
            Assert.All(y, v => Assert.True(float.IsFinite(v)));   // a lossy decoder may conceal damage
        }
        catch (UserInputException e)
        {
            Assert.Contains(path, e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
    }

    [Theory]
    [InlineData("lame_stereo_44k.mp3", "MP3")]
    [InlineData("vorbis_stereo_44k.ogg", "Ogg Vorbis")]
    [InlineData("opus_stereo_48k.opus", "Ogg Opus")]
    public void HeaderOnlyFileIsAClearError(string name, string format)
    {
        using var dir = new TempDir();
        string path = AudioFixtures.Damaged(dir, name, b => b[..Math.Min(b.Length, name.EndsWith(".mp3", StringComparison.Ordinal) ? 6 : 40)]);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain("\n", e.Message);
        _ = format;
    }

    [Fact]
    public void OggPageWithABadCrcIsReported()
    {
        using var dir = new TempDir();
        // Byte 40 is the OpusHead's input sample rate: harmless to decoding, but the page checksum no longer matches.
        string path = AudioFixtures.Damaged(dir, "opus_mono_16k.opus", b => { b[40] ^= 1; return b; });
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains("CRC", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ManagedOnlyRefusesFormatsWithoutAManagedDecoder()
    {
        using var dir = new TempDir();
        string path = dir.Write("clip.m4a", [0, 0, 0, 0x18, .. "ftypM4A "u8, 0, 0, 0, 0]);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains("no managed decoder for MP4/M4A", e.Message);
    }
}
