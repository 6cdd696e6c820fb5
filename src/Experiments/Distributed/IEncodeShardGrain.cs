namespace MusicCluster.Experiments.Distributed;

/// <summary>A node's worker that embeds chunks of stored tracks with a model checkpoint, both on paths every node can reach.</summary>
[Alias("MusicCluster.IEncodeShardGrain")]
public interface IEncodeShardGrain : IGrainWithStringKey
{
    /// <summary>The model's μ of the chunk's samples (patches or track rows), in order.</summary>
    [Alias("Encode")]
    Task<EncodeShardResult> Encode(EncodeShard shard);
}

/// <summary>
/// One chunk of an encode job: the checkpoint (and the SHA-256 of the client's copy), the feature settings, the stored tracks
/// whose samples it covers, and which of their samples: <see cref="Units"/> from <see cref="FirstUnit"/> of the first track's
/// (patches for a patch model, where a chunk may start or end inside a track; whole tracks otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.EncodeShard")]
public sealed record EncodeShard(
    [property: Id(0)] string StoreRoot, [property: Id(1)] string FeatureConfigJson, [property: Id(2)] string Checkpoint,
    [property: Id(3)] string CheckpointHash, [property: Id(4)] string[] Keys, [property: Id(5)] int FirstUnit, [property: Id(6)] int Units);

/// <summary>A chunk's μ (row-major, <see cref="Latent"/> wide), or a user error naming what the node could not read.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.EncodeShardResult")]
public sealed record EncodeShardResult([property: Id(0)] float[] Mu, [property: Id(1)] int Latent, [property: Id(2)] string? Error);
