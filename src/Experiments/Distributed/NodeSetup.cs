using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MusicCluster.Experiments.Distributed;

/// <summary>What every MusicCluster silo needs beyond its clustering: worker placement and failure detection tuned for short jobs.</summary>
public static class NodeSetup
{
    /// <summary>Adds the silo-pinned placement and membership timings that declare a killed node dead within seconds.</summary>
    public static ISiloBuilder AddMusicCluster(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        // Orleans' defaults (10 s probes, 3 misses) suit large clusters on busy networks; a shard of a dead node should be
        // re-run in seconds, and a probe answer is tiny. Heavy work runs on the thread pool, so probes are answered promptly.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        return silo;
    }
}
