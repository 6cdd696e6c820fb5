using System.Runtime.CompilerServices;
using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>K-means (Lloyd) with greedy k-means++ seeding and <see cref="NInit"/> restarts, like scikit-learn's KMeans.</summary>
/// <remarks>
/// Distances go through the GEMM kernel in fixed row chunks on all cores; partial sums are combined in chunk order,
/// so the same seed gives bit-identical results whatever the core count. Empty clusters are re-seeded from the
/// points farthest from their centres.
/// </remarks>
public sealed class KMeans(int k, int nInit = 10, int maxIterations = 300, double tolerance = 1e-4, int seed = 0)
{
    /// <summary>Number of clusters.</summary>
    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");

    /// <summary>Number of seeded restarts; the run with the lowest inertia is kept.</summary>
    public int NInit { get; } = nInit >= 1 ? nInit : throw new ArgumentOutOfRangeException(nameof(nInit), $"n_init must be at least 1, got {nInit}");

    /// <summary>Cluster of every training row.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Cluster centres, K×d row-major.</summary>
    public float[] Centroids { get; private set; } = [];

    /// <summary>Sum of squared distances of rows to their centre (float64, computed directly).</summary>
    public double Inertia { get; private set; }

    /// <summary>Lloyd iterations of the kept run.</summary>
    public int Iterations { get; private set; }

    /// <summary>Feature count seen by Fit.</summary>
    public int Features { get; private set; }

    /// <summary>Clusters the n×d matrix.</summary>
    public KMeans Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        if (K > n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {K} is larger than the number of rows ({n})");
        var xa = x.ToArray();
        var norms = new float[n];
        SquaredDistances.RowNorms(xa, n, d, norms);
        double tol = tolerance * MeanVariance(xa, n, d);
        var seeds = new Random(seed);
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < NInit; run++)
        {
            var random = new Random(seeds.Next());
            var centres = KMeansPlusPlus.Seed(xa, n, d, K, random);
            var (labels, iterations) = Lloyd(xa, norms, n, d, centres, tol);
            double inertia = CentroidAssignment.ExactInertia(xa, n, d, centres, labels);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                Labels = labels; Centroids = centres; Iterations = iterations; Inertia = inertia;
            }
        }
        Features = d;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int[] Labels, int Iterations) Lloyd(float[] x, float[] norms, int n, int d, float[] centres, double tol)
    {
        var labels = new int[n];
        var previous = new int[n];
        var dist = new float[n];
        Array.Fill(previous, -1);
        int iterations = 0;
        bool strict = false;
        while (iterations < maxIterations)
        {
            var p = CentroidAssignment.Assign(x, norms, n, d, centres, K, labels, dist, accumulate: true, previous);
            iterations++;
            // Unchanged labels: the centres would not move, and the labels already match them.
            if (iterations > 1 && p.Changed == 0) { strict = true; break; }
            RelocateEmpty(x, d, p, labels, dist);
            double shift = 0;
            for (int c = 0; c < K; c++)
            {
                if (p.Counts[c] == 0) continue;
                for (int j = 0; j < d; j++)
                {
                    float v = (float)(p.Sums[c * d + j] / p.Counts[c]);
                    double t = v - centres[c * d + j];
                    shift += t * t;
                    centres[c * d + j] = v;
                }
            }
            Array.Copy(labels, previous, n);
            if (shift <= tol) break;
        }
        // The centres moved after the last assignment: assign once more so labels and centres agree.
        if (!strict) CentroidAssignment.Assign(x, norms, n, d, centres, K, labels, dist, accumulate: false);
        return (labels, iterations);
    }

    // An empty cluster takes the point farthest from its own centre (then the next farthest, and so on).
    private void RelocateEmpty(float[] x, int d, CentroidSums p, int[] labels, float[] dist)
    {
        int empty = 0;
        for (int c = 0; c < K; c++) if (p.Counts[c] == 0) empty++;
        if (empty == 0) return;
        var order = new int[dist.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = (float[])dist.Clone();
        for (int i = 0; i < keys.Length; i++) keys[i] = -keys[i];
        Array.Sort(keys, order);
        int next = 0;
        for (int c = 0; c < K; c++)
        {
            if (p.Counts[c] != 0) continue;
            int far = order[next++];
            int old = labels[far];
            if (p.Counts[old] <= 1) continue;
            for (int j = 0; j < d; j++) { p.Sums[old * d + j] -= x[far * d + j]; p.Sums[c * d + j] = x[far * d + j]; }
            p.Counts[old]--; p.Counts[c] = 1;
            labels[far] = c;
            dist[far] = 0;
        }
    }

    // Mean column variance (scikit-learn scales the tolerance by it); float64 sums per fixed row chunk, combined in order.
    private static double MeanVariance(float[] x, int n, int d)
    {
        const int chunk = 8192;
        int chunks = FixedChunks.Count(n, chunk);
        var partial = new double[chunks * 2 * d];
        FixedChunks.For(n, chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c, start, end) =>
        {
            var s = partial.AsSpan(c * 2 * d, d);
            var s2 = partial.AsSpan(c * 2 * d + d, d);
            for (int i = start; i < end; i++)
            {
                var row = x.AsSpan(i * d, d);
                for (int j = 0; j < d; j++) { double v = row[j]; s[j] += v; s2[j] += v * v; }
            }
        }, workPerItem: d);
        double total = 0;
        for (int j = 0; j < d; j++)
        {
            double s = 0, s2 = 0;
            for (int c = 0; c < chunks; c++) { s += partial[c * 2 * d + j]; s2 += partial[c * 2 * d + d + j]; }
            double m = s / n;
            total += Math.Max(s2 / n - m * m, 0);
        }
        return total / d;
    }

    /// <summary>A fitted model from saved centres (K×d row-major), for <see cref="Predict(ReadOnlySpan{float}, int, int)"/> on new rows.</summary>
    public static KMeans FromCentroids(ReadOnlySpan<float> centroids, int k, int d)
    {
        MatrixInput.Check(centroids, k, d, nameof(centroids));
        return new KMeans(k) { Centroids = centroids.ToArray(), Features = d };
    }

    /// <summary>Nearest fitted centre of every row of the n×d matrix.</summary>
    public int[] Predict(ReadOnlySpan<float> x, int n, int d)
    {
        if (Features == 0) throw new InvalidOperationException("KMeans is not fitted");
        if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        MatrixInput.Check(x, n, d);
        var xa = x.ToArray();
        var norms = new float[n];
        SquaredDistances.RowNorms(xa, n, d, norms);
        var labels = new int[n];
        CentroidAssignment.Assign(xa, norms, n, d, Centroids, K, labels, new float[n], accumulate: false);
        return labels;
    }

    /// <summary>Clusters the rows of an n×d tensor.</summary>
    public KMeans Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Nearest fitted centre of every row of an n×d tensor.</summary>
    public int[] Predict(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Predict(s, n, d); }

    /// <summary>Fit, then return <see cref="Labels"/>.</summary>
    public int[] FitPredict(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Labels;
}
