using System.Buffers.Binary;
using System.Text;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Tests.Data;

namespace MusicCluster.Experiments.Tests.Corpus;

public class WavWriterTests
{
    private static string Tag(byte[] b, int at) => Encoding.ASCII.GetString(b, at, 4);

    [Fact]
    public void Pcm16StereoHeaderFollowsTheSpec()
    {
        float[] x = [0f, 1f, -1f, 0.5f, 2f, -3f]; // 3 frames, 2 channels; out-of-range values clip
        var b = WavWriter.Encode(x, 2, 44100, WavSampleFormat.Pcm16);
        Assert.Equal(44 + 12, b.Length);
        Assert.Equal(("RIFF", "WAVE", "fmt ", "data"), (Tag(b, 0), Tag(b, 8), Tag(b, 12), Tag(b, 36)));
        Assert.Equal((uint)(b.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(22)));
        Assert.Equal(44100u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
        Assert.Equal(44100u * 4, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(28))); // byte rate
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(32))); // block align
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
        short[] expected = [0, 32767, -32767, 16384, 32767, -32767];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(44 + 2 * i)));
    }

    [Fact]
    public void Float32MonoHasExtensionSizeAndFactChunk()
    {
        float[] x = [0.25f, -0.75f, 1.5f];
        var b = WavWriter.Encode(x, 1, 22050, WavSampleFormat.Float32);
        Assert.Equal(58 + 12, b.Length);
        Assert.Equal(18u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(20)));
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(36)));
        Assert.Equal(("fact", 4u, 3u), (Tag(b, 38), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(42)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(46))));
        Assert.Equal(("data", 12u), (Tag(b, 50), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(54))));
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(58 + 4 * i))); // floats are not clipped
    }

    [Fact]
    public void RoundsToTheNearestStepSymmetrically()
    {
        Assert.Equal(1, WavWriter.ToPcm16(1.4f / 32767f));
        Assert.Equal(2, WavWriter.ToPcm16(1.6f / 32767f));
        Assert.Equal(-2, WavWriter.ToPcm16(-1.6f / 32767f));
        Assert.Equal(0, WavWriter.ToPcm16(0.49f / 32767f));
    }

    [Fact]
    public void BadInputIsRejectedAndWritesAreAtomic()
    {
        Assert.Throws<ArgumentException>(() => WavWriter.Encode([float.NaN], 1, 22050));
        Assert.Throws<ArgumentException>(() => WavWriter.Encode([0f, 0f, 0f], 2, 22050));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.Encode([0f], 0, 22050));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.Encode([0f], 1, 0));
        using var t = new TempDir();
        string path = Path.Combine(t.Path, "x.wav");
        WavWriter.Write(path, [0.1f, 0.2f], 1, 8000);
        Assert.Throws<ArgumentException>(() => WavWriter.Write(path, [float.PositiveInfinity], 1, 8000));
        Assert.Equal(48, new FileInfo(path).Length); // the failed write left the old file intact
        Assert.Single(Directory.GetFiles(t.Path));
    }
}
