namespace MusicCluster.Experiments.Runner;

/// <summary>The audio features of every track that the tasks use.</summary>
/// <param name="Spectral">Per-track spectral statistics (the Easy task's vector), not yet standardised.</param>
/// <param name="MeanLogMel">Per-track mean log-mel vector (the Medium baseline).</param>
/// <param name="Patches">Log-mel patches [P, 1, H, W] flattened row-major, mel bin 0 lowest (empty when <see cref="TrackFeatures.Stored"/> holds them).</param>
/// <param name="PatchTrack">For every patch, the index of its track.</param>
/// <param name="PatchHeight">H (mel bands).</param>
/// <param name="PatchWidth">W (frames).</param>
/// <param name="DescriptorMatrix">Per-track <see cref="Dsp.Descriptors"/> (null: none were extracted).</param>
public sealed record TrackFeatures(FeatureMatrix Spectral, FeatureMatrix MeanLogMel, float[] Patches, int[] PatchTrack, int PatchHeight, int PatchWidth,
    FeatureMatrix? DescriptorMatrix = null)
{
    /// <summary>The value subtracted from every raw log-mel patch value (the mean over the training tracks' patches).</summary>
    public float PatchShift { get; init; }

    /// <summary>The factor the shifted patch values were multiplied by (1/std over the training tracks' patches).</summary>
    public float PatchInvScale { get; init; } = 1;
    /// <summary>The per-track descriptors, not yet standardised (one column per <see cref="Dsp.Descriptors.Columns"/> entry).</summary>
    public FeatureMatrix Descriptors => DescriptorMatrix ?? throw new InvalidOperationException("these features were extracted without descriptors");

    /// <summary>The group of every descriptor column.</summary>
    public IReadOnlyList<string> DescriptorGroups { get; init; } = [];

    /// <summary>Where the raw patches are when they were left on disk (large collections); null when <see cref="Patches"/> holds them.</summary>
    public StoredPatches? Stored { get; init; }

    /// <summary>Number of patches.</summary>
    public int PatchCount => PatchTrack.Length;
}

/// <summary>Patches left in a feature store: the store (read-only) and every track's key, in the features' track order.</summary>
public sealed record StoredPatches(Store.FeatureStore Store, Store.TrackKey[] Keys);
