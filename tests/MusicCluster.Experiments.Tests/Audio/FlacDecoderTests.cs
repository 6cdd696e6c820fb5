using System.Security.Cryptography;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Audio.Flac;
using MusicCluster.Experiments.Cli;
using MusicCluster.TestSupport;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>
/// The managed FLAC decoder against ffmpeg's decode of fixtures from ffmpeg's encoder, the reference <c>flac</c> tool and
/// tests/reference/audio_codecs.py's writer (variable block sizes, escape codes, wasted bits, 12/20-bit, 3 channels).
/// </summary>
public class FlacDecoderTests
{
    public static TheoryData<string> Files() => [.. AudioFixtures.Names(".flac")];

    [Theory]
    [MemberData(nameof(Files))]
    public void SamplesAreBitIdenticalToFfmpeg(string name)
    {
        var expected = Fixture.Load("audio/flac_reference.json").Child(name);
        using var s = File.OpenRead(AudioFixtures.File(name));
        var reader = new FlacReader(s, name);
        int channels = reader.Info.Channels;
        Assert.Equal((int)expected.Scalar("channels"), channels);
        Assert.Equal((int)expected.Scalar("bits"), reader.Info.BitsPerSample);
        Assert.Equal((int)expected.Scalar("rate"), reader.Info.SampleRate);
        var interleaved = new List<int>();
        while (reader.ReadFrame())
            for (int i = 0; i < reader.BlockSize; i++)
                for (int c = 0; c < channels; c++) interleaved.Add((int)reader.Channels[c][i]);
        Assert.Equal((long)expected.Scalar("frames"), interleaved.Count / channels);
        Assert.Equal(expected.Doubles("head").Select(v => (int)v), interleaved.Take(8));
        var bytes = new byte[interleaved.Count * 4];
        for (int i = 0; i < interleaved.Count; i++) BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), interleaved[i]);
        Assert.Equal(expected.String("sha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Theory]
    [InlineData("ff16_stereo_midside_b1152.flac")]
    [InlineData("flac24_stereo_b2048.flac")]
    [InlineData("py20_3ch_varblock.flac")]
    public void MonoMixIsBitIdenticalToTheFfmpegPipe(string name)
    {
        var (managed, rate) = AudioFixtures.Native(AudioFixtures.File(name), DecoderChoice.Managed);
        var (ffmpeg, ffRate) = AudioFixtures.Native(AudioFixtures.File(name), DecoderChoice.Ffmpeg);
        Assert.Equal(ffRate, rate);
        Assert.Equal(ffmpeg, managed);
    }

    [Fact]
    public void ExcerptIsTheSameSliceOfTheWholeDecode()
    {
        string path = AudioFixtures.File("py16_stereo_varblock.flac");
        var (all, rate) = AudioFixtures.Native(path, DecoderChoice.Managed);
        var (part, _) = AudioFixtures.Native(path, DecoderChoice.Managed, offset: 0.05, duration: 0.1);
        Assert.Equal(rate / 10, part.Length);
        Assert.Equal(all.AsSpan(rate / 20, rate / 10).ToArray(), part);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed, offset: 5));
        Assert.Contains("past the end", e.Message);
    }

    [Fact]
    public void TruncatedFileNamesTheFileAndSaysTruncated()
    {
        using var dir = new TempDir();
        string path = AudioFixtures.Damaged(dir, "ff16_stereo_default.flac", b => b[..(b.Length * 2 / 3)]);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void FlippedBitInAFrameFailsTheCrc()
    {
        using var dir = new TempDir();
        // Near the end: the flac tool puts 8 KiB of PADDING metadata first.
        string path = AudioFixtures.Damaged(dir, "flac16_mono_b192.flac", b => { b[b.Length - 300] ^= 0x10; return b; });
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains(path, e.Message);
        Assert.Matches("CRC|corrupt", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void AbsurdMetadataBlockSizeIsRejectedBeforeReading()
    {
        using var dir = new TempDir();
        // A second metadata block (after the 34-byte STREAMINFO) claiming 16 MiB in a tiny file.
        byte[] file = [.. "fLaC"u8, 0x00, 0, 0, 34, .. new byte[34], 0x84, 0xFF, 0xFF, 0xFF, 1, 2, 3];
        file[8 + 10] = 0x0A; file[8 + 11] = 0xC4; file[8 + 12] = 0x40; file[8 + 13] = 0xF0;   // 44100 Hz, 1 channel, 16 bits
        string path = dir.Write("absurd.flac", file);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains("claims 16777215 bytes", e.Message);
    }

    [Fact]
    public void MissingStreamInfoIsAClearError()
    {
        using var dir = new TempDir();
        string path = dir.Write("noinfo.flac", [.. "fLaC"u8, 0x84, 0, 0, 4, 1, 2, 3, 4]);
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains("not STREAMINFO", e.Message);
    }

    [Fact]
    public void GarbageAfterTheMetadataIsCorruptNotACrash()
    {
        using var dir = new TempDir();
        string path = AudioFixtures.Damaged(dir, "flac8_stereo_b1024.flac", b =>
        {
            // Overwrite from the first frame on with text.
            int first = b.AsSpan(4).IndexOf(new byte[] { 0xFF, 0xF8 }) + 4;
            "this is not flac audio"u8.CopyTo(b.AsSpan(first));
            return b;
        });
        var e = Assert.Throws<UserInputException>(() => AudioFixtures.Native(path, DecoderChoice.Managed));
        Assert.Contains(path, e.Message);
        Assert.Contains("FLAC", e.Message);
    }
}
