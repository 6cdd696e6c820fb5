using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Distributed;

/// <summary>The command line's entry to cluster work: connect to <c>--cluster</c>, run the job with progress, disconnect.</summary>
public static class ClusterJob
{
    /// <summary>Extracts <paramref name="tracks"/> into <paramref name="store"/> on the cluster, then re-reads the store so it shows every node's records.</summary>
    public static StoreExtractionResult Extract(string cluster, IReadOnlyList<Track> tracks, FeatureConfig config, FeatureStore store,
        bool skipBadFiles, StderrProgress? display = null)
    {
        var result = Task.Run(async () =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(cluster);
            var progress = new ClusterProgress(tracks.Count, display);
            return await ClusterExtraction.RunAsync(connection.Client, tracks, config, Path.GetDirectoryName(store.Folder)!, skipBadFiles, progress: progress);
        }).GetAwaiter().GetResult();
        store.Refresh();
        return result;
    }
}
