namespace MusicCluster.Experiments.Store;

/// <summary>Where one track lives in a <see cref="FeatureStore"/> and what its header says (kept in memory for every track: ~90 bytes).</summary>
/// <param name="Key">The track's content hash.</param>
/// <param name="Shard">Index of its shard in the store's shard list.</param>
/// <param name="Offset">Byte offset of the record in the shard.</param>
/// <param name="HeadLength">Values in the per-track vector.</param>
/// <param name="PatchCount">Number of patches.</param>
/// <param name="PatchSize">Values per patch.</param>
/// <param name="PatchSum">Sum of the raw patch values (float64).</param>
/// <param name="PatchSumSquares">Sum of their squares (float64).</param>
public readonly record struct StoreEntry(TrackKey Key, int Shard, long Offset, int HeadLength, int PatchCount, int PatchSize, double PatchSum, double PatchSumSquares)
{
    /// <summary>Bytes of the record on disk.</summary>
    public long Length => StoreRecord.Length(HeadLength, PatchCount, PatchSize);
}
