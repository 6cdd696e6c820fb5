using MusicCluster.Experiments.Distributed;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Distributed;

[Collection("Orleans")]
public sealed class ClusterExtractionTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task Three_silos_fill_the_store_exactly_as_one_machine_does()
    {
        var corpus = ClusterCorpus.Instance;
        string root = corpus.NewStoreRoot();
        var nodes = new HashSet<string>();
        var result = await ClusterExtraction.RunAsync(fixture.Cluster.Client, corpus.Tracks, corpus.Config, root,
            shardDone: (silo, _) => { lock (nodes) nodes.Add(silo); });
        Assert.Equal(3, nodes.Count);
        Assert.Equal(300, result.Extracted);
        using var store = FeatureStore.Open(root, StoreExtraction.SettingsKey(corpus.Config));
        Assert.Equal(corpus.LocalCount, store.Count);
        Assert.Equal(0, store.Duplicates);
        Assert.Equal(corpus.LocalDigest, store.ContentDigest());
        Assert.Equal(result.Keys.Order(), store.Entries.Select(e => e.Key).Order());

        // The same job again (a retried job, or every shard retried) writes nothing and leaves the store as it was.
        var again = await ClusterExtraction.RunAsync(fixture.Cluster.Client, corpus.Tracks, corpus.Config, root);
        Assert.Equal((0, 300), (again.Extracted, again.Reused));
        store.Refresh();
        Assert.Equal((300, 0L), (store.Count, store.Duplicates));
        Assert.Equal(corpus.LocalDigest, store.ContentDigest());
    }

    [Fact]
    public async Task A_missing_file_is_one_user_error_naming_it()
    {
        var corpus = ClusterCorpus.Instance;
        var tracks = corpus.Tracks.Take(5).ToList();
        tracks[3] = tracks[3] with { FullPath = tracks[3].FullPath + ".gone", File = tracks[3].File + ".gone" };
        var e = await Assert.ThrowsAsync<MusicCluster.Experiments.Cli.UserInputException>(() =>
            ClusterExtraction.RunAsync(fixture.Cluster.Client, tracks, corpus.Config, corpus.NewStoreRoot()));
        Assert.Contains(".gone", e.Message);
        var skipped = await ClusterExtraction.RunAsync(fixture.Cluster.Client, tracks, corpus.Config, corpus.NewStoreRoot(), skipBadFiles: true);
        Assert.Equal([3], skipped.BadFiles.Keys);
        Assert.Equal(4, skipped.Extracted);
    }
}
