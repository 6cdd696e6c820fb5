namespace MusicCluster.Experiments.Distributed;

/// <summary>A node's worker that embeds shards of stored tracks with a model checkpoint, both on paths every node can reach.</summary>
[Alias("MusicCluster.IEncodeShardGrain")]
public interface IEncodeShardGrain : IGrainWithStringKey
{
    /// <summary>The rows of the shard's tracks, in order, as a local <c>encode</c> gives them.</summary>
    [Alias("Encode")]
    Task<EncodeShardResult> Encode(EncodeShard shard);
}

/// <summary>One shard of an encode job: the checkpoint (and the SHA-256 of the client's copy), the feature settings and the stored tracks' keys.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.EncodeShard")]
public sealed record EncodeShard(
    [property: Id(0)] string StoreRoot, [property: Id(1)] string FeatureConfigJson, [property: Id(2)] string Checkpoint,
    [property: Id(3)] string CheckpointHash, [property: Id(4)] string[] Keys);

/// <summary>A shard's rows (row-major, <see cref="Cols"/> wide), or a user error naming what the node could not read.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.EncodeShardResult")]
public sealed record EncodeShardResult([property: Id(0)] float[] Rows, [property: Id(1)] int Cols, [property: Id(2)] string? Error);
