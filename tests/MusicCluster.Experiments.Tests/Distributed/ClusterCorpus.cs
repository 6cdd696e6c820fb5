using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary>300 short demo tracks and their single-machine feature store, made once for the cluster tests.</summary>
internal sealed class ClusterCorpus
{
    private static readonly Lazy<ClusterCorpus> Shared = new(() => new ClusterCorpus());

    private ClusterCorpus()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"mc-cluster-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } };
        Data = Path.Combine(folder, "data");
        Tracks = DemoCorpus.Write(Data, new CorpusOptions { Tracks = 300, Seconds = 0.5 }).Tracks.ToList();
        // Short excerpts and few mels keep each track's work small; the store's records still hold every feature kind.
        Config = new FeatureConfig { NMels = 32, PatchFrames = 16, ExcerptSeconds = 0.5 };
        LocalStore = Path.Combine(folder, "local-store");
        using var store = FeatureStore.Open(LocalStore, StoreExtraction.SettingsKey(Config));
        StoreExtraction.Run(Tracks, Config, store);
        LocalDigest = store.ContentDigest();
        LocalCount = store.Count;
        Root = folder;
    }

    public static ClusterCorpus Instance => Shared.Value;

    /// <summary>The folder everything lives in (removed when the test process ends).</summary>
    public string Root { get; }

    public string Data { get; }

    public List<Track> Tracks { get; }

    public FeatureConfig Config { get; }

    /// <summary>The single-machine store's root folder.</summary>
    public string LocalStore { get; }

    /// <summary>The single-machine store's <see cref="FeatureStore.ContentDigest"/> and track count.</summary>
    public string LocalDigest { get; }

    public int LocalCount { get; }

    /// <summary>A fresh, empty store folder.</summary>
    public string NewStoreRoot() => Path.Combine(Root, $"store-{Guid.NewGuid():N}");
}
