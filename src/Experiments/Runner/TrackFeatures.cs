namespace MusicCluster.Experiments.Runner;

/// <summary>The audio features of every track that the tasks use.</summary>
/// <param name="Spectral">Per-track spectral statistics (the Easy task's vector), not yet standardised.</param>
/// <param name="MeanLogMel">Per-track mean log-mel vector (the Medium baseline).</param>
/// <param name="Patches">Log-mel patches [P, 1, H, W] flattened row-major, mel bin 0 lowest.</param>
/// <param name="PatchTrack">For every patch, the index of its track.</param>
/// <param name="PatchHeight">H (mel bands).</param>
/// <param name="PatchWidth">W (frames).</param>
public sealed record TrackFeatures(FeatureMatrix Spectral, FeatureMatrix MeanLogMel, float[] Patches, int[] PatchTrack, int PatchHeight, int PatchWidth)
{
    /// <summary>The value subtracted from every raw log-mel patch value (the mean over the training tracks' patches).</summary>
    public float PatchShift { get; init; }

    /// <summary>The factor the shifted patch values were multiplied by (1/std over the training tracks' patches).</summary>
    public float PatchInvScale { get; init; } = 1;

    /// <summary>Number of patches.</summary>
    public int PatchCount => PatchTrack.Length;
}
