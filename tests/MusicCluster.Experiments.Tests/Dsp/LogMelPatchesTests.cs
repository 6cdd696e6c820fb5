using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class LogMelPatchesTests
{
    private static FeatureMatrix Ramp(int mels, int frames)
    {
        var d = new float[mels * frames];
        for (int m = 0; m < mels; m++)
            for (int f = 0; f < frames; f++) d[m * frames + f] = m * 1000 + f;
        return new FeatureMatrix(d, mels, frames);
    }

    [Fact]
    public void TilesWithoutOverlapAndDropsThePartialTail()
    {
        var p = LogMelPatches.Extract(Ramp(4, 150), frames: 64);
        Assert.Equal(2, p.Count);
        Assert.Equal(64, p.Frames);
        Assert.Equal(4, p.Mels);
        Assert.Equal(3 * 1000 + 64 + 10, p.Patch(1)[3 * 64 + 10]);
        Assert.Equal(0, p.Patch(0)[0]);
    }

    [Fact]
    public void StrideGivesOverlappingPatches()
    {
        var p = LogMelPatches.Extract(Ramp(2, 100), frames: 64, stride: 16);
        Assert.Equal(3, p.Count);
        Assert.Equal(32, p.Patch(2)[0]);
    }

    [Fact]
    public void ShortTrackGivesOnePatchPaddedWithItsMinimum()
    {
        var m = Ramp(3, 10);
        m.Data[5] = -80;
        var p = LogMelPatches.Extract(m, frames: 64);
        Assert.Equal(1, p.Count);
        Assert.Equal(2 * 1000 + 9, p.Patch(0)[2 * 64 + 9]);
        Assert.Equal(-80, p.Patch(0)[2 * 64 + 10]);
        Assert.Equal(-80, p.Patch(0)[63]);
    }

    [Fact]
    public void DefaultPatchesOfATrackAre64By64()
    {
        var y = TestSignals.Create("chord", 22050 * 4);
        var p = LogMelPatches.Extract(y, new LogMelSettings());
        Assert.Equal(2, p.Count); // 173 frames → two whole 64-frame tiles
        Assert.Equal(64 * 64 * 2, p.Data.Length);
    }
}
