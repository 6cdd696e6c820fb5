using System.Globalization;
using MusicCluster.Experiments.Cli;
using Orleans.Runtime;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Progress of a cluster job on the client: tracks done, tracks/s and ETA, and how many tracks each node did.</summary>
public sealed class ClusterProgress(int total, StderrProgress? display = null)
{
    private readonly SortedDictionary<string, int> _byNode = new(StringComparer.Ordinal);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _done;

    /// <summary>Tracks finished so far.</summary>
    public int TracksDone => Volatile.Read(ref _done);

    /// <summary>Counts a finished shard of <paramref name="tracks"/> tracks for the node with key <paramref name="silo"/>.</summary>
    public void Completed(string silo, int tracks)
    {
        string line;
        lock (_byNode)
        {
            string node = NodeName(silo);
            _byNode[node] = _byNode.GetValueOrDefault(node) + tracks;
            _done += tracks;
            line = Detail(_clock.Elapsed.TotalSeconds);
        }
        display?.Report(total == 0 ? 1 : (double)_done / total, line);
    }

    /// <summary>Shards started again after their node died or their call failed (known once finished).</summary>
    public int Retries { get; private set; }

    /// <summary>Ends the display with the per-node counts (the progress line may be cut to the console width) and the re-runs.</summary>
    public void Finish(int retries)
    {
        Retries = retries;
        if (display is null) return;
        display.Done();
        Console.Error.WriteLine($"{display.Label}: {Detail(_clock.Elapsed.TotalSeconds)}");
        if (retries > 0) Console.Error.WriteLine($"{display.Label}: {retries} shard(s) ran again after a node failed");
    }

    /// <summary>"120/300 tracks · 35.2 tracks/s · 127.0.0.1:11111 40, 127.0.0.1:11113 80".</summary>
    public string Detail(double seconds)
    {
        lock (_byNode)
            return string.Create(CultureInfo.InvariantCulture, $"{_done}/{total} tracks · {(seconds > 0 ? _done / seconds : 0):F1} tracks/s · ") +
                string.Join(", ", _byNode.Select(p => $"{p.Key} {p.Value}"));
    }

    /// <summary>A node's address as the user named it (host:port) from its silo key.</summary>
    public static string NodeName(string silo)
    {
        try { return SiloAddress.FromParsableString(silo).Endpoint.ToString(); }
        catch (FormatException) { return silo; }
    }
}
