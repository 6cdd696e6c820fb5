namespace MusicCluster.Experiments.Distributed;

/// <summary>A node's worker that extracts manifest shards into a feature store on a path every node can reach.</summary>
[Alias("MusicCluster.IExtractionShardGrain")]
public interface IExtractionShardGrain : IGrainWithStringKey
{
    /// <summary>Extracts the shard's tracks into the store, skipping tracks already stored (so a re-run shard writes nothing twice).</summary>
    [Alias("Extract")]
    Task<ExtractionShardResult> Extract(ExtractionShard shard);

    /// <summary>Closes this node's writer of the store (fsyncing its shard file); the next shard reopens it.</summary>
    [Alias("Close")]
    Task Close(string storeRoot, string settingsKey);
}

/// <summary>One shard of a manifest: consecutive tracks, named by the paths the nodes read them from.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.ExtractionShard")]
public sealed record ExtractionShard(
    [property: Id(0)] string StoreRoot, [property: Id(1)] string FeatureConfigJson, [property: Id(2)] string[] Ids,
    [property: Id(3)] string[] Files, [property: Id(4)] string[] Paths, [property: Id(5)] bool SkipBadFiles);

/// <summary>What a node did with a shard: each track's key (hex; empty for a skipped bad file), counts, bad files, or a user error.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.ExtractionShardResult")]
public sealed record ExtractionShardResult(
    [property: Id(0)] string[] Keys, [property: Id(1)] int Extracted, [property: Id(2)] int Reused,
    [property: Id(3)] int[] BadIndexes, [property: Id(4)] string[] BadReasons, [property: Id(5)] string? Error);
