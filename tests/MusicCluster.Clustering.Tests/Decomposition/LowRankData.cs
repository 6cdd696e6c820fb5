namespace MusicCluster.Clustering.Tests.Decomposition;

/// <summary>The low-rank matrix of tests/reference/pca_randomized.py, rebuilt bit for bit (integer LCG, float64 sums in its order).</summary>
internal static class LowRankData
{
    /// <summary>n×d float32: Σ_t a_t·(b_t ∘ scale)·decayᵗ + noise·e + 3, with a, b, e sums of four LCG uniforms minus 2.</summary>
    public static float[] Build(int n, int d, int rank, double decay, double noise = 0.05)
    {
        uint state = 20261203;
        var a = Gaussianish(n * rank, ref state);
        var b = Gaussianish(rank * d, ref state);
        var e = Gaussianish(n * d, ref state);
        var x = new double[n * d];
        double weight = 1;
        for (int t = 0; t < rank; t++)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) x[i * d + j] += a[i * rank + t] * (b[t * d + j] * ((1.0 + j % 5) * weight));
            weight *= decay;
        }
        var result = new float[n * d];
        for (int i = 0; i < result.Length; i++) result[i] = (float)((x[i] + noise * e[i]) + 3.0);
        return result;
    }

    private static double[] Gaussianish(int count, ref uint state)
    {
        var result = new double[count];
        Span<double> u = stackalloc double[4];
        for (int i = 0; i < count; i++)
        {
            for (int q = 0; q < 4; q++)
            {
                state = unchecked(state * 1664525u + 1013904223u);
                u[q] = state / 4294967296.0;
            }
            result[i] = ((u[0] + u[1]) + (u[2] + u[3])) - 2.0;
        }
        return result;
    }
}
