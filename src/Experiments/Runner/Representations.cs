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

    /// <summary>Side-by-side blocks, each scaled to unit total variance (<see cref="EqualVariance"/>), so a wide block weighs no more than a narrow one.</summary>
    public static FeatureMatrix Concatenate(params FeatureMatrix[] blocks) => Weighted(blocks.Select(b => (EqualVariance(b), 1.0)).ToArray());

    /// <summary>Block weighting: each block scaled to total variance weight², concatenated.</summary>
    /// <remarks>A <see cref="FeatureBlock.Standardise"/> block (columns in unrelated units) is standardised per column and divided by
    /// √columns; an embedding block keeps its column proportions (the leading components stay the strongest) and is centred and
    /// divided by the square root of its total variance.</remarks>
    public static FeatureMatrix Blocks(IReadOnlyList<FeatureBlock> blocks) =>
        Weighted(blocks.Where(b => b.Weight > 0).Select(b => (b.Standardise ? StandardisedBlock(b.Matrix) : EqualVariance(b.Matrix), b.Weight)).ToArray());

    /// <summary>Standardised columns divided by √columns: total variance 1 (constant columns stay 0).</summary>
    public static FeatureMatrix StandardisedBlock(FeatureMatrix x)
    {
        var z = Standardise(x);
        float s = (float)(1 / Math.Sqrt(x.Cols));
        for (int i = 0; i < z.Data.Length; i++) z.Data[i] *= s;
        return z;
    }

    /// <summary>Centred columns, the whole block divided by √(total variance): total variance 1, column proportions kept (an all-constant block stays 0).</summary>
    public static FeatureMatrix EqualVariance(FeatureMatrix x)
    {
        var (total, means) = TotalVariance(x);
        float s = total > 0 ? (float)(1 / Math.Sqrt(total)) : 1f;
        var m = FeatureMatrix.Zeros(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Cols; j++) m.Data[i * x.Cols + j] = (float)(x.Data[i * x.Cols + j] - means[j]) * s;
        return m;
    }

    /// <summary>The sum of the column variances (population) of <paramref name="x"/>, and the column means.</summary>
    public static (double Total, double[] Means) TotalVariance(FeatureMatrix x)
    {
        double total = 0;
        var means = new double[x.Cols];
        for (int j = 0; j < x.Cols; j++)
        {
            double mean = 0, sq = 0;
            for (int i = 0; i < x.Rows; i++) mean += x.Data[i * x.Cols + j];
            mean /= Math.Max(1, x.Rows);
            for (int i = 0; i < x.Rows; i++) { double d = x.Data[i * x.Cols + j] - mean; sq += d * d; }
            total += sq / Math.Max(1, x.Rows);
            means[j] = mean;
        }
        return (total, means);
    }

    /// <summary>The columns of <paramref name="x"/> whose group is <paramref name="group"/>, as one matrix.</summary>
    public static FeatureMatrix Columns(FeatureMatrix x, IReadOnlyList<string> groups, string group)
    {
        var picked = new List<int>();
        for (int j = 0; j < groups.Count; j++) if (groups[j] == group) picked.Add(j);
        return Columns(x, picked);
    }

    /// <summary>The columns <paramref name="picked"/> of <paramref name="x"/>, in that order, as one matrix.</summary>
    public static FeatureMatrix Columns(FeatureMatrix x, IReadOnlyList<int> picked)
    {
        var m = FeatureMatrix.Zeros(x.Rows, picked.Count);
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < picked.Count; c++) m.Data[i * picked.Count + c] = x.Data[i * x.Cols + picked[c]];
        return m;
    }

    /// <summary>The block-weighted audio descriptors: every descriptor group (and the log-mel mean/std bands) as one block with its configured weight.</summary>
    public static FeatureMatrix Descriptors(TrackFeatures f, BlockWeights w)
    {
        var blocks = new List<FeatureBlock>();
        foreach (var g in Dsp.Descriptors.Groups)
            blocks.Add(new FeatureBlock(g, Columns(f.Descriptors, f.DescriptorGroups, g), w.Of(g), Standardise: true));
        blocks.Add(new FeatureBlock("logmel", f.MeanLogMel, w.Logmel, Standardise: true));
        return Blocks(blocks);
    }

    /// <summary>√(columns / total variance) of <paramref name="x"/>: the factor that gives its average column unit variance (1 when every column is constant).</summary>
    public static double UnitColumnFactor(FeatureMatrix x)
    {
        double total = TotalVariance(x).Total;
        return total > 0 ? Math.Sqrt(x.Cols / total) : 1;
    }

    /// <summary>The α mix: √α·audio beside √(1−α)·lyrics, each block first scaled to unit total variance (<see cref="EqualVariance"/>),
    /// so squared distances are α·(audio) + (1−α)·(lyrics).</summary>
    public static FeatureMatrix Mix(FeatureMatrix audio, FeatureMatrix lyrics, double alpha) =>
        Weighted((EqualVariance(audio), Math.Sqrt(alpha)), (EqualVariance(lyrics), Math.Sqrt(1 - alpha)));

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

    /// <summary>[mean, std] (population) of the patch rows of each track: 2·latent columns, a track's embedding from its patches' μ.</summary>
    public static FeatureMatrix MeanStdPerTrack(ReadOnlySpan<float> patchRows, int latent, int[] patchTrack, int tracks)
    {
        var mean = MeanPerTrack(patchRows, latent, patchTrack, tracks);
        var m = FeatureMatrix.Zeros(tracks, 2 * latent);
        var counts = new int[tracks];
        for (int p = 0; p < patchTrack.Length; p++)
        {
            int t = patchTrack[p];
            counts[t]++;
            var mu = mean.Row(t);
            var dst = m.Row(t).Slice(latent);
            var src = patchRows.Slice(p * latent, latent);
            for (int j = 0; j < latent; j++) { double d = src[j] - mu[j]; dst[j] += (float)(d * d); }
        }
        for (int t = 0; t < tracks; t++)
        {
            var row = m.Row(t);
            mean.Row(t).CopyTo(row);
            for (int j = latent; j < 2 * latent; j++) row[j] = MathF.Sqrt(row[j] / counts[t]);
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
