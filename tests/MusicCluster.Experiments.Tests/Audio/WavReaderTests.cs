using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Tests.Audio;

public class WavReaderTests
{
    private static readonly double[] Ramp = Enumerable.Range(0, 64).Select(i => Math.Sin(i * 0.37) * 0.9).ToArray();

    private static float[] DecodeNative(byte[] wav, out List<string> warnings, string name = "t.wav")
    {
        using var dir = new TempDir();
        var w = new List<string>();
        var (samples, _) = AudioDecoder.DecodeNative(dir.Write(name, wav), null, null, w.Add, new FfmpegDecoder("/nonexistent/ffmpeg"));
        warnings = w;
        return samples;
    }

    private static string Error(byte[] bytes, string name = "bad.wav")
    {
        using var dir = new TempDir();
        string path = dir.Write(name, bytes);
        var e = Assert.Throws<UserInputException>(() => AudioDecoder.Decode(path, warn: _ => { }, ffmpeg: new FfmpegDecoder("/nonexistent/ffmpeg")));
        Assert.Contains(path, e.Message);
        return e.Message;
    }

    [Theory]
    [InlineData(8, false, 1.0 / 128)]
    [InlineData(16, false, 1.0 / 32768)]
    [InlineData(24, false, 1.0 / 8388608)]
    [InlineData(32, false, 1e-7)]
    [InlineData(32, true, 1e-7)]
    [InlineData(64, true, 1e-7)]
    public void DecodesEveryPlainEncoding(int bits, bool isFloat, double tolerance)
    {
        var wav = new RiffBuilder().Fmt(isFloat ? (ushort)3 : (ushort)1, 1, 8000, bits).Data(RiffBuilder.Encode(Ramp, bits, isFloat)).Build();
        var y = DecodeNative(wav, out var warnings);
        Assert.Empty(warnings);
        Assert.Equal(Ramp.Length, y.Length);
        for (int i = 0; i < y.Length; i++) Assert.True(Math.Abs(y[i] - Ramp[i]) <= tolerance, $"{bits}-bit sample {i}: {y[i]} vs {Ramp[i]}");
    }

    [Theory]
    [InlineData(1, 24, 24)]
    [InlineData(1, 32, 24)]
    [InlineData(3, 32, 32)]
    public void DecodesWaveFormatExtensible(ushort subFormat, int bits, int validBits)
    {
        var wav = new RiffBuilder().Extensible(subFormat, 2, 44100, bits, validBits).Data(RiffBuilder.Encode(Ramp, bits, subFormat == 3)).Build();
        var y = DecodeNative(wav, out _);
        Assert.Equal(Ramp.Length / 2, y.Length);
        for (int f = 0; f < y.Length; f++) Assert.Equal((Ramp[2 * f] + Ramp[2 * f + 1]) / 2, y[f], 1e-6);
    }

    [Fact]
    public void MixesAnyNumberOfChannelsByAveraging()
    {
        int channels = 6, frames = 10;
        var interleaved = new double[channels * frames];
        for (int f = 0; f < frames; f++)
            for (int c = 0; c < channels; c++) interleaved[f * channels + c] = (c - 2.5) * 0.1 + f * 0.01;
        var wav = new RiffBuilder().Fmt(1, channels, 48000, 16).Data(RiffBuilder.Encode(interleaved, 16, false)).Build();
        var y = DecodeNative(wav, out _);
        for (int f = 0; f < frames; f++) Assert.Equal(f * 0.01, y[f], 4);
    }

    [Fact]
    public void SkipsUnknownAndOddSizedChunksInAnyOrder()
    {
        var data = RiffBuilder.Encode(Ramp, 16, false);
        var expected = DecodeNative(new RiffBuilder().Fmt(1, 1, 8000, 16).Data(data).Build(), out _);
        var variants = new[]
        {
            new RiffBuilder().Chunk("JUNK", new byte[7]).Fmt(1, 1, 8000, 16).Chunk("LIST", "INFOISFT\x03\0\0\0ab\0"u8.ToArray()).Data(data).Build(),
            new RiffBuilder().Data(data).Chunk("cue ", new byte[3]).Fmt(1, 1, 8000, 16).Build(),
            new RiffBuilder().Fmt(1, 1, 8000, 16).Data(data).Chunk("id3 ", new byte[11]).Build(),
        };
        foreach (var v in variants) Assert.Equal(expected, DecodeNative(v, out _));
        // An odd-sized data chunk (8-bit mono) is followed by its pad byte and a further chunk still parses.
        var odd = new RiffBuilder().Data(RiffBuilder.Encode(Ramp[..63], 8, false)).Chunk("JUNK", new byte[2]).Fmt(1, 1, 8000, 8).Build();
        Assert.Equal(63, DecodeNative(odd, out _).Length);
    }

    [Fact]
    public void NonFiniteFloatSamplesAreZeroedWithAWarning()
    {
        double[] x = [0.5, double.NaN, double.PositiveInfinity, -0.25, double.NegativeInfinity];
        var y = DecodeNative(new RiffBuilder().Fmt(3, 1, 8000, 32).Data(RiffBuilder.Encode(x, 32, true)).Build(), out var warnings);
        Assert.Equal([0.5f, 0f, 0f, -0.25f, 0f], y);
        Assert.Contains(warnings, w => w.Contains("3 NaN or infinite"));
    }

    [Fact]
    public void RejectsMalformedFilesWithAClearMessage()
    {
        var fmt = RiffBuilder.FmtBody(1, 1, 8000, 16, null);
        var data = RiffBuilder.Encode(Ramp, 16, false);
        Assert.Contains("empty", Error([]));
        Assert.Contains("not a WAV file", Error("hello, this is text\nnot audio\n"u8.ToArray()));
        Assert.Contains("starts with text", Error("hello, this is text\nnot audio\n"u8.ToArray()));
        Assert.Contains("claims", Error(new RiffBuilder().Chunk("fmt ", fmt).Data(data, declaredSize: 100_000).Build()));
        Assert.Contains("claims 2147483632 bytes", Error(new RiffBuilder().Chunk("fmt ", fmt).Data(data, declaredSize: 0x7FFFFFF0).Build()));
        Assert.Contains("RIFF size", Error(new RiffBuilder().Chunk("fmt ", fmt).Data(data).RiffSize(1_000_000).Build()));
        var truncated = new RiffBuilder().Chunk("fmt ", fmt).Data(data).Build();
        Assert.Contains("truncated", Error(truncated[..(truncated.Length - 10)]));
        Assert.Contains("0 channels", Error(new RiffBuilder().Fmt(1, 0, 8000, 16, blockAlign: 2).Data(data).Build()));
        Assert.Contains("format code 0x0002", Error(new RiffBuilder().Fmt(2, 1, 8000, 16).Data(data).Build()));
        Assert.Contains("format code 0x0055", Error(new RiffBuilder().Extensible(0x55, 1, 8000, 16, 16).Data(data).Build()));
        Assert.Contains("12-bit", Error(new RiffBuilder().Fmt(1, 1, 8000, 12, blockAlign: 2).Data(data).Build()));
        Assert.Contains("block align", Error(new RiffBuilder().Fmt(1, 2, 8000, 16, blockAlign: 2).Data(data).Build()));
        Assert.Contains("sample rate 0", Error(new RiffBuilder().Fmt(1, 1, 0, 16).Data(data).Build()));
        Assert.Contains("no 'data' chunk", Error(new RiffBuilder().Chunk("fmt ", fmt).Build()));
        Assert.Contains("no 'fmt ' chunk", Error(new RiffBuilder().Data(data).Build()));
        Assert.Contains("at least 16", Error(new RiffBuilder().Chunk("fmt ", new byte[8]).Data(data).Build()));
        Assert.Contains("RF64", Error(new RiffBuilder().Magic("RF64").Fmt(1, 1, 8000, 16).Data(data).Build()));
    }

    [Fact]
    public void AnExcerptReadsOnlyItsOwnBytes()
    {
        var x = Enumerable.Range(0, 80_000).Select(i => Math.Sin(i * 0.01) * 0.5).ToArray();
        var wav = new RiffBuilder().Fmt(1, 2, 8000, 16).Data(RiffBuilder.Encode(x, 16, false)).Build();
        using var counting = new CountingStream(new MemoryStream(wav));
        var h = WavReader.ReadHeader(counting, "mem.wav", streamed: false);
        long headerBytes = counting.BytesRead;
        var part = WavReader.ReadMono(counting, h, 8000, 4000, "mem.wav", _ => { });
        Assert.True(counting.BytesRead - headerBytes <= 4000 * 4, $"read {counting.BytesRead - headerBytes} bytes for 4000 frames");
        Assert.Equal((x[16000] + x[16001]) / 2, part[0], 4);

        using var dir = new TempDir();
        string path = dir.Write("long.wav", wav);
        var y = AudioDecoder.Decode(path, 8000, offset: 1.0, duration: 0.5, warn: _ => { });
        Assert.Equal(4000, y.Length);
        Assert.Equal(part, y);
        var e = Assert.Throws<UserInputException>(() => AudioDecoder.Decode(path, 8000, offset: 6.0, warn: _ => { }));
        Assert.Contains("past the end", e.Message);
    }

    [Fact]
    public void SilenceAndVeryShortFilesAreValidWithWarnings()
    {
        using var dir = new TempDir();
        var warnings = new List<string>();
        string silent = dir.Write("silent.wav", new RiffBuilder().Fmt(1, 1, 22050, 16).Data(new byte[2 * 5000]).Build());
        Assert.Equal(5000, AudioDecoder.Decode(silent, warn: warnings.Add).Length);
        Assert.Contains(warnings, w => w.Contains("silent"));
        warnings.Clear();
        string tiny = dir.Write("tiny.wav", new RiffBuilder().Fmt(1, 1, 22050, 16).Data(RiffBuilder.Encode([0.5, 0.25], 16, false)).Build());
        var y = AudioDecoder.Decode(tiny, warn: warnings.Add);
        Assert.Equal(AudioDecoder.DefaultMinimumSamples, y.Length);
        Assert.Equal(0.5f, y[0]);
        Assert.Contains(warnings, w => w.Contains("padded"));
        string empty = dir.Write("nodata.wav", new RiffBuilder().Fmt(1, 1, 22050, 16).Data([]).Build());
        Assert.Equal(AudioDecoder.DefaultMinimumSamples, AudioDecoder.Decode(empty, warn: _ => { }).Length);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); BytesRead += n; return n; }
        public override int Read(Span<byte> buffer) { int n = inner.Read(buffer); BytesRead += n; return n; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
