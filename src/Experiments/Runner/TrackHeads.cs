namespace MusicCluster.Experiments.Runner;

/// <summary>The per-track vectors of a collection, filled from each track's packed head [spectral | mean log-mel | descriptors].</summary>
internal sealed class TrackHeads(int tracks, int spectral, int mels, int descriptors)
{
    public FeatureMatrix Spectral { get; } = FeatureMatrix.Zeros(tracks, spectral);
    public FeatureMatrix MeanLogMel { get; } = FeatureMatrix.Zeros(tracks, mels);
    public FeatureMatrix Descriptors { get; } = FeatureMatrix.Zeros(tracks, descriptors);

    /// <summary>Values in one head.</summary>
    public int Length => Spectral.Cols + MeanLogMel.Cols + Descriptors.Cols;

    /// <summary>Copies track <paramref name="i"/>'s head into the three matrices.</summary>
    public void Set(int i, ReadOnlySpan<float> head)
    {
        if (head.Length != Length) throw new InvalidDataException($"features of track {i + 1} have a head of {head.Length} values; expected {Length}");
        head[..Spectral.Cols].CopyTo(Spectral.Row(i));
        head.Slice(Spectral.Cols, MeanLogMel.Cols).CopyTo(MeanLogMel.Row(i));
        head[(Spectral.Cols + MeanLogMel.Cols)..].CopyTo(Descriptors.Row(i));
    }
}
