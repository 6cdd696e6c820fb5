using System.Globalization;

namespace MusicCluster.Experiments.Runner;

/// <summary>Recognises a DBSCAN result that found no structure (nearly all noise, or at most one cluster) and says what eps to try.</summary>
public static class DbscanHint
{
    /// <summary>At least this share of the points as noise counts as "nearly all noise".</summary>
    public const double NoiseShare = 0.9;

    /// <summary>True when the result is one cluster or fewer, or nearly all noise.</summary>
    public static bool IsDegenerate(int clusters, int noise, int n) => clusters < 2 || noise >= NoiseShare * n;

    /// <summary>
    /// A one-line hint for a degenerate result, or null. <paramref name="suggested"/> is the k-distance knee's eps
    /// (<see cref="ClusterSuite.SuggestEps"/>); when the result came from that very eps the hint says which way to move it.
    /// </summary>
    public static string? For(int clusters, int noise, int n, double eps, double suggested)
    {
        if (!IsDegenerate(clusters, noise, n)) return null;
        string found = string.Create(CultureInfo.InvariantCulture,
            $"DBSCAN with eps = {eps:G4} found {clusters} cluster{(clusters == 1 ? "" : "s")} and {noise} of {n} points as noise");
        bool fromKnee = Math.Abs(eps - suggested) <= 1e-9 * Math.Max(1, Math.Abs(suggested));
        if (!fromKnee)
            return string.Create(CultureInfo.InvariantCulture,
                $"{found}; the k-distance knee suggests eps = {suggested:G4} (--eps auto uses it)");
        string way = noise >= NoiseShare * n ? "a larger eps joins more points" : "a smaller eps splits the cluster";
        return string.Create(CultureInfo.InvariantCulture,
            $"{found}; that eps is the k-distance knee, and the curve has no clear knee, so there is little density structure at one scale ({way}; K-Means or Ward may suit these data better)");
    }
}
