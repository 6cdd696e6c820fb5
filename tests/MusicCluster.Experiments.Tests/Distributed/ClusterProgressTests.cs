using System.Net;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Distributed;
using Orleans.Runtime;

namespace MusicCluster.Experiments.Tests.Distributed;

public sealed class ClusterProgressTests
{
    [Fact]
    public void The_line_counts_tracks_per_node_by_address_and_shows_an_eta()
    {
        string a = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 7).ToParsableString();
        string b = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11113), 9).ToParsableString();
        var text = new StringWriter();
        var clock = TimeSpan.FromSeconds(10);
        var display = new StderrProgress("extract", text, inPlace: false, width: 200, clock: () => clock);
        var progress = new ClusterProgress(64, display);
        progress.Completed(a, 16);
        progress.Completed(b, 16);
        progress.Completed(a, 16);
        Assert.Equal(48, progress.TracksDone);
        Assert.Contains("48/64 tracks", progress.Detail(10));
        Assert.Contains("127.0.0.1:11111 32, 127.0.0.1:11113 16", progress.Detail(10));
        Assert.Contains("ETA", text.ToString());
        progress.Finish(retries: 2);
        Assert.Equal(2, progress.Retries);
    }
}
