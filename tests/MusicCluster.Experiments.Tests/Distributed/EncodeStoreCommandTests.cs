using System.Net;
using System.Net.Sockets;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary><c>encode --store</c> (the path <c>--cluster</c> takes) against <c>encode</c> from the audio, and its argument errors.</summary>
[Collection("Console")]
public sealed class EncodeStoreCommandTests
{
    private static readonly FeatureConfig Config = new() { NMels = 32, PatchFrames = 16, ExcerptSeconds = 0.5 };

    private static string Checkpoint(TempDir dir, string data)
    {
        var tracks = MusicCluster.Experiments.Commands.EncodeCommand.Tracks(data);
        using var store = FeatureStore.Open(dir.File("fit-store"), StoreExtraction.SettingsKey(Config));
        var keys = StoreExtraction.Run(tracks, Config, store).Keys;
        return EncodeCheckpoints.Conv(dir.File("checkpoints"), Config, store, keys);
    }

    [Fact]
    public void Encode_through_a_store_writes_the_same_bytes_as_encode_from_the_audio_and_reuses_the_store()
    {
        using var dir = new TempDir();
        string data = dir.File("data");
        DemoCorpus.Write(data, new CorpusOptions { Tracks = 12, Seconds = 0.5 });
        string checkpoint = Checkpoint(dir, data);
        var (code, o, e) = CliRunner.Run("encode", "--checkpoint", checkpoint, "--data", data, "--out", dir.File("audio.npy"));
        Assert.True(code == 0, o + e);
        for (int pass = 0; pass < 2; pass++)
        {
            (code, o, e) = CliRunner.Run("encode", "--checkpoint", checkpoint, "--data", data, "--out", dir.File("store.npy"), "--store", dir.File("store"));
            Assert.True(code == 0, o + e);
            Assert.Contains("12 tracks × 6", o);
            Assert.Equal(File.ReadAllBytes(dir.File("audio.npy")), File.ReadAllBytes(dir.File("store.npy")));
            Assert.Equal(File.ReadAllText(dir.File("audio.npy") + ".tracks.csv"), File.ReadAllText(dir.File("store.npy") + ".tracks.csv"));
        }
        using var store = FeatureStore.Open(dir.File("store"), StoreExtraction.SettingsKey(Config));
        Assert.Equal((12, 0L), (store.Count, store.Duplicates));
    }

    [Fact]
    public async Task Cluster_without_a_store_or_with_no_node_listening_is_a_one_line_error_naming_the_option()
    {
        using var dir = new TempDir();
        string data = dir.File("data");
        DemoCorpus.Write(data, new CorpusOptions { Tracks = 2, Seconds = 0.5 });
        string checkpoint = Checkpoint(dir, data);
        var (code, _, e) = CliRunner.Run("encode", "--checkpoint", checkpoint, "--data", data, "--out", dir.File("x.npy"), "--cluster", "127.0.0.1:11111");
        Assert.Equal(2, code);
        Assert.Contains("--cluster needs --store", e);

        int port = UnusedPort();
        var run = Task.Run(() => CliRunner.Run("encode", "--checkpoint", checkpoint, "--data", data, "--out", dir.File("x.npy"), "--store", dir.File("store"),
            "--cluster", $"127.0.0.1:{port}"));
        (code, _, e) = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, code);
        Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--cluster 127.0.0.1:{port}: no node answered", e);
        Assert.False(File.Exists(dir.File("x.npy")));
    }

    // A port with nothing listening on it nor on the one above (the gateway the client would try).
    private static int UnusedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p >= 65534 ? 40000 : p;
    }
}
