using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.Manifold;

namespace MusicCluster.Clustering.Tests.Manifold;

public class BlockedNearestNeighboursTests
{
    [Fact]
    public void Blocked_distances_find_scikit_learns_exact_neighbours_far_from_the_origin_and_with_duplicates()
    {
        var f = TestSupport.Fixture.Load("clustering/knn_blobs16.json");
        var x = f.Floats("x");
        int n = f.Shape("x")[0], d = f.Shape("x")[1], k = (int)f.Scalar("k");
        var expected = f.Ints("neighbours");
        var squared = f.Doubles("squared");
        var nbr = new int[n * k];
        var dist = new float[n * k];
        BlockedNearestNeighbours.Find(x, n, d, k, nbr, dist);
        Assert.Equal(expected, nbr);
        for (int q = 0; q < nbr.Length; q++) Assert.Equal(squared[q], dist[q], 1e-4 * Math.Max(1, squared[q]));
        // Rows 4, 5 and 6 are one point: each has the other two first, at distance 0.
        Assert.Equal([5, 6], nbr[(4 * k)..(4 * k + 2)]);
        Assert.Equal(0f, dist[4 * k + 1]);

        // The vantage-point tree (few dimensions) finds the same sets.
        var tree = new VpTree(x, n, d);
        var tn = new int[k];
        var td = new float[k];
        for (int i = 0; i < n; i += 7)
        {
            tree.Nearest(i, k, tn, td);
            Assert.Equal(expected.AsSpan(i * k, k).ToArray().Order(), tn.Order());
        }
    }

    [Fact]
    public void A_k_outside_one_to_n_minus_one_is_refused()
    {
        var x = new float[4 * 2];
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockedNearestNeighbours.Find(x, 4, 2, 4, new int[16], new float[16]));
    }
}
