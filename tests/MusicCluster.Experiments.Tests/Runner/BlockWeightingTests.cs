using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public class BlockWeightingTests
{
    private static double TotalVariance(FeatureMatrix m, int from, int count)
    {
        double total = 0;
        for (int j = from; j < from + count; j++)
        {
            double mean = 0, sq = 0;
            for (int i = 0; i < m.Rows; i++) mean += m.Data[i * m.Cols + j];
            mean /= m.Rows;
            for (int i = 0; i < m.Rows; i++) { double d = m.Data[i * m.Cols + j] - mean; sq += d * d; }
            total += sq / m.Rows;
        }
        return total;
    }

    [Fact]
    public void EveryBlockGetsTotalVarianceWeightSquaredWhateverItsWidth()
    {
        var rng = new Random(3);
        var wide = FeatureMatrix.Zeros(30, 40);
        var narrow = FeatureMatrix.Zeros(30, 2);
        var embedding = FeatureMatrix.Zeros(30, 5);
        for (int i = 0; i < wide.Data.Length; i++) wide.Data[i] = (float)(rng.NextDouble() * (1 + i % 40));
        for (int i = 0; i < narrow.Data.Length; i++) narrow.Data[i] = (float)(1000 * rng.NextDouble());
        for (int i = 0; i < embedding.Data.Length; i++) embedding.Data[i] = (float)(rng.NextDouble() * (5 - i % 5));
        var m = Representations.Blocks([new("wide", wide, 1, true), new("narrow", narrow, 2, true), new("emb", embedding, 0.5, false), new("off", narrow, 0, true)]);
        Assert.Equal(47, m.Cols);
        Assert.Equal(1.0, TotalVariance(m, 0, 40), 3);
        Assert.Equal(4.0, TotalVariance(m, 40, 2), 3);
        Assert.Equal(0.25, TotalVariance(m, 42, 5), 3);
        // The embedding block keeps its column proportions: its first column still has more variance than its last.
        Assert.True(TotalVariance(m, 42, 1) > 2 * TotalVariance(m, 46, 1));
    }

    [Fact]
    public void TheMixWeighsAudioByAlphaAndLyricsByOneMinusAlpha()
    {
        var rng = new Random(5);
        var a = FeatureMatrix.Zeros(20, 8);
        var l = FeatureMatrix.Zeros(20, 3);
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] = (float)(50 * rng.NextDouble());
        for (int i = 0; i < l.Data.Length; i++) l.Data[i] = (float)rng.NextDouble();
        var m = Representations.Mix(a, l, 0.3);
        Assert.Equal(0.3, TotalVariance(m, 0, 8), 3);
        Assert.Equal(0.7, TotalVariance(m, 8, 3), 3);
    }

    [Fact]
    public void TrackEmbeddingIsMeanAndStdOfItsPatches()
    {
        var m = Representations.MeanStdPerTrack([1, 2, 3, 6, 10, 20], 2, [0, 0, 1], 2);
        Assert.Equal(new float[] { 2, 4, 1, 2, 10, 20, 0, 0 }, m.Data);
    }
}
