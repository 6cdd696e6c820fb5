namespace MusicCluster.Experiments.Store;

/// <summary>One track's extraction result as a <see cref="FeatureStore"/> keeps it.</summary>
/// <param name="Key">The content hash of the track's audio file.</param>
/// <param name="Head">The per-track vector (for the runner: spectral statistics, mean log-mel, descriptors), float32.</param>
/// <param name="PatchCount">Number of log-mel patches.</param>
/// <param name="PatchSize">Values per patch (mels × frames).</param>
/// <param name="Patches">The raw (unstandardised) patches, <paramref name="PatchCount"/> × <paramref name="PatchSize"/> values, row-major.</param>
public sealed record StoredTrack(TrackKey Key, float[] Head, int PatchCount, int PatchSize, float[] Patches)
{
    /// <summary>Throws when the patch values do not match the counts.</summary>
    public void Validate()
    {
        if (PatchCount < 0 || PatchSize < 0) throw new ArgumentException($"patch count {PatchCount} and size {PatchSize} must be ≥ 0");
        if (Patches.Length != (long)PatchCount * PatchSize)
            throw new ArgumentException($"{PatchCount} patches of {PatchSize} values need {(long)PatchCount * PatchSize} values, got {Patches.Length}");
    }
}
