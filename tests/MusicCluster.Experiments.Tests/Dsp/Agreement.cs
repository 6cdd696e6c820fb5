namespace MusicCluster.Experiments.Tests.Dsp;

/// <summary>Element-wise agreement to a relative tolerance, measured against each value and the array's peak.</summary>
internal static class Agreement
{
    /// <summary>|actual − expected| ≤ rtol · (|expected| + max|expected|) for every element (the peak term covers near-zero bins).</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what, double rtol = 1e-4)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        double peak = 0;
        foreach (double e in expected) peak = Math.Max(peak, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(actual[i] - expected[i]);
            Assert.True(double.IsFinite(actual[i]) && err <= rtol * (Math.Abs(expected[i]) + peak),
                $"{what}[{i}]: {actual[i]} vs {expected[i]} (error {err:E2}, peak {peak:E2})");
        }
    }
}
