using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;

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

    /// <summary>Encodes <paramref name="tracks"/> on the cluster: their features are extracted into <paramref name="store"/> where missing, then
    /// the nodes embed them with the checkpoint at <paramref name="checkpoint"/> (a path every node reaches, like the store's).</summary>
    public static FeatureMatrix Encode(string cluster, IReadOnlyList<Track> tracks, VaeModel model, EncoderSpec spec, string checkpoint, FeatureStore store,
        StderrProgress? extractDisplay = null, StderrProgress? encodeDisplay = null) => Task.Run(async () =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(cluster);
            var extracted = await ClusterExtraction.RunAsync(connection.Client, tracks, spec.Features, Path.GetDirectoryName(store.Folder)!,
                progress: new ClusterProgress(tracks.Count, extractDisplay));
            // The nodes' records, for the patch counts the work is cut by.
            store.Refresh();
            return await ClusterEncoding.RunAsync(connection.Client, model, spec, checkpoint, store, extracted.Keys, progress: new ClusterProgress(tracks.Count, encodeDisplay));
        }).GetAwaiter().GetResult();
}
