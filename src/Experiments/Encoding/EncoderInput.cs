using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Encoders;

/// <summary>How a model's input rows are made from a track's features, with the scaling fitted on the training tracks.</summary>
/// <param name="Block"><see cref="DescriptorBlock"/>, <see cref="SpectralBlock"/> (one row per track) or <see cref="PatchBlock"/>
/// (log-mel patches, a track is [mean, std] of its patches' μ).</param>
/// <param name="Mean">Per-column value subtracted from the picked raw columns, or null for patches.</param>
/// <param name="Scale">Per-column value the centred columns are divided by, or null for patches.</param>
/// <param name="PatchShift">Value subtracted from every raw patch value.</param>
/// <param name="PatchInvScale">Factor the shifted patch values are multiplied by.</param>
/// <param name="Columns">For <see cref="DescriptorBlock"/>: the raw columns (descriptors, then log-mel mean/std) the input is made of, in order.</param>
public sealed record EncoderInput(string Block, double[]? Mean, double[]? Scale, float PatchShift = 0, float PatchInvScale = 1, int[]? Columns = null)
{
    /// <summary>The Easy input: block-weighted audio descriptors and log-mel mean/std.</summary>
    public const string DescriptorBlock = "descriptors";

    /// <summary>Spectral statistics standardised per column (the Easy input of earlier versions).</summary>
    public const string SpectralBlock = "spectral";

    /// <summary>The Medium and Hard input: standardised log-mel patches.</summary>
    public const string PatchBlock = "logmel-patches";

    /// <summary>Spectral statistics standardised with a scaler fitted on <paramref name="raw"/> (as <see cref="Representations.Standardise"/>).</summary>
    public static EncoderInput Spectral(FeatureMatrix raw)
    {
        var s = new StandardScaler().Fit(raw.Data, raw.Rows, raw.Cols);
        return new EncoderInput(SpectralBlock, s.Mean, s.Scale);
    }

    /// <summary>The block weighting of <see cref="Representations.Descriptors"/> scaled by <see cref="Representations.UnitColumnFactor"/>,
    /// fitted on <paramref name="f"/> and kept as one affine map per column, so new tracks are scaled exactly as the training tracks.</summary>
    public static EncoderInput Descriptors(TrackFeatures f, BlockWeights w)
    {
        var raw = DescriptorColumns(f);
        var scaler = new StandardScaler().Fit(raw.Data, raw.Rows, raw.Cols);
        var columns = new List<int>();
        var factors = new List<double>();
        void Add(List<int> picked, double weight)
        {
            if (weight <= 0) return;
            columns.AddRange(picked);
            for (int i = 0; i < picked.Count; i++) factors.Add(weight / Math.Sqrt(picked.Count));
        }
        foreach (var g in Dsp.Descriptors.Groups)
        {
            var picked = new List<int>();
            for (int j = 0; j < f.DescriptorGroups.Count; j++) if (f.DescriptorGroups[j] == g) picked.Add(j);
            Add(picked, w.Of(g));
        }
        var logmel = new List<int>();
        for (int j = 0; j < f.MeanLogMel.Cols; j++) logmel.Add(f.Descriptors.Cols + j);
        Add(logmel, w.Logmel);
        if (columns.Count == 0) throw new UserInputException("blocks: every descriptor weight is 0; the Easy model has no input");

        var mean = new double[columns.Count];
        var scale = new double[columns.Count];
        for (int c = 0; c < columns.Count; c++) { mean[c] = scaler.Mean[columns[c]]; scale[c] = scaler.Scale[columns[c]] / factors[c]; }
        double s = Representations.UnitColumnFactor(Transform(raw, columns, mean, scale));
        for (int c = 0; c < scale.Length; c++) scale[c] /= s;
        return new EncoderInput(DescriptorBlock, mean, scale, Columns: [.. columns]);
    }

    /// <summary>A track's raw descriptor row: its descriptors, then its log-mel mean/std.</summary>
    public static FeatureMatrix DescriptorColumns(TrackFeatures f) =>
        Representations.Weighted((f.Descriptors, 1.0), (f.MeanLogMel, 1.0));

    /// <summary>The input rows of a <see cref="DescriptorBlock"/> from raw rows (<see cref="DescriptorColumns"/>).</summary>
    public float[] Apply(FeatureMatrix raw)
    {
        if (Columns is null || Mean is null || Scale is null || Mean.Length != Columns.Length || Scale.Length != Columns.Length)
            throw new InvalidOperationException($"{Block} input has no column map");
        return Transform(raw, Columns, Mean, Scale).Data;
    }

    private static FeatureMatrix Transform(FeatureMatrix raw, IReadOnlyList<int> columns, double[] mean, double[] scale)
    {
        var picked = Representations.Columns(raw, columns);
        return new FeatureMatrix(StandardScaler.FromStatistics(mean, scale).Transform(picked.Data, picked.Rows, picked.Cols), picked.Rows, picked.Cols);
    }

    /// <summary>Log-mel patches scaled as in <paramref name="f"/>.</summary>
    public static EncoderInput Patches(TrackFeatures f) => new(PatchBlock, null, null, f.PatchShift, f.PatchInvScale);
}
