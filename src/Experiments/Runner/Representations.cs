using MusicCluster.Clustering.Decomposition;
using MusicCluster.Clustering.Preprocessing;

namespace MusicCluster.Experiments.Runner;

/// <summary>Builds the feature spaces the tasks cluster: standardised blocks, their concatenation, the α mix, PCA, one-hot labels.</summary>
public static class Representations
{
    /// <summary>Zero mean, unit variance per column (constant columns stay 0).</summary>
    public static FeatureMatrix Standardise(FeatureMatrix x) =>
        new(new StandardScaler().FitTransform(x.Data, x.Rows, x.Cols), x.Rows, x.Cols);

    /// <summary>PCA to <paramref name="components"/> dimensions (capped by rows and columns).</summary>
    public static FeatureMatrix Pca(FeatureMatrix x, int components, int seed)
    {
        int c = Math.Min(components, Math.Min(x.Rows, x.Cols));
        return new(new Pca(c, seed: seed).FitTransform(x.Data, x.Rows, x.Cols), x.Rows, c);
    }

    /// <summary>Side-by-side concatenation of standardised blocks (each column has unit variance, so wider blocks weigh more).</summary>
    public static FeatureMatrix Concatenate(params FeatureMatrix[] blocks) => Weighted(blocks.Select(b => (Standardise(b), 1.0)).ToArray());

    /// <summary>The α mix: √α·Z_audio/√d_audio beside √(1−α)·Z_lyrics/√d_lyrics, so squared distances are α·(audio) + (1−α)·(lyrics), each block normalised to unit total variance.</summary>
    public static FeatureMatrix Mix(FeatureMatrix audio, FeatureMatrix lyrics, double alpha)
    {
        var a = Standardise(audio);
        var l = Standardise(lyrics);
        return Weighted((a, Math.Sqrt(alpha / a.Cols)), (l, Math.Sqrt((1 - alpha) / l.Cols)));
    }

    /// <summary>One column per class, 1 where the track has the class, times <paramref name="weight"/>.</summary>
    public static FeatureMatrix OneHot(LabelSet labels, double weight)
    {
        var m = FeatureMatrix.Zeros(labels.Codes.Length, labels.Classes.Length);
        for (int i = 0; i < labels.Codes.Length; i++) m.Data[i * m.Cols + labels.Codes[i]] = (float)weight;
        return m;
    }

    /// <summary>Concatenates blocks, each multiplied by its weight.</summary>
    public static FeatureMatrix Weighted(params (FeatureMatrix Block, double Weight)[] blocks)
    {
        int n = blocks[0].Block.Rows;
        foreach (var (b, _) in blocks)
            if (b.Rows != n) throw new ArgumentException($"blocks differ in rows: {n} and {b.Rows}");
        int d = blocks.Sum(b => b.Block.Cols);
        var m = FeatureMatrix.Zeros(n, d);
        int offset = 0;
        foreach (var (b, w) in blocks)
        {
            for (int i = 0; i < n; i++)
            {
                var src = b.Row(i);
                var dst = m.Data.AsSpan(i * d + offset, b.Cols);
                for (int j = 0; j < src.Length; j++) dst[j] = (float)(src[j] * w);
            }
            offset += b.Cols;
        }
        return m;
    }

    /// <summary>Mean of the patch rows of each track (a track's embedding from its patches' μ).</summary>
    public static FeatureMatrix MeanPerTrack(ReadOnlySpan<float> patchRows, int latent, int[] patchTrack, int tracks)
    {
        var m = FeatureMatrix.Zeros(tracks, latent);
        var counts = new int[tracks];
        for (int p = 0; p < patchTrack.Length; p++)
        {
            int t = patchTrack[p];
            counts[t]++;
            var dst = m.Row(t);
            var src = patchRows.Slice(p * latent, latent);
            for (int j = 0; j < latent; j++) dst[j] += src[j];
        }
        for (int t = 0; t < tracks; t++)
        {
            if (counts[t] == 0) throw new InvalidOperationException($"track {t} has no patches");
            var row = m.Row(t);
            for (int j = 0; j < latent; j++) row[j] /= counts[t];
        }
        return m;
    }
}
