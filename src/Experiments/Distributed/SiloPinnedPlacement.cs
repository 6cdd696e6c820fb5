using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Places a grain whose string key is a silo address (<see cref="SiloAddress.ToParsableString"/>) on that silo: one worker per node.</summary>
[Serializable, GenerateSerializer, Immutable]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static readonly SiloPinnedPlacement Instance = new();
}

/// <summary>Marks a grain class as placed by <see cref="SiloPinnedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);

/// <summary>Activates the grain on the silo its key names; fails when that silo is not (or no longer) in the cluster.</summary>
internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        string key = target.GrainIdentity.Key.ToString()!;
        var silo = SiloAddress.FromParsableString(key);
        foreach (var s in context.GetCompatibleSilos(target))
            if (s.Equals(silo)) return Task.FromResult(s);
        throw new OrleansException($"silo {key} is not an active member of the cluster");
    }
}
