namespace MusicCluster.Clustering.Tests;

internal static class Assertions
{
    public static void Close(double expected, double actual, double tol, string what)
    {
        double err = Math.Abs(expected - actual);
        Assert.True(err <= tol, $"{what}: expected {expected:R}, got {actual:R} (|diff| {err:E2} > {tol:E0})");
    }

    /// <summary>Two labellings are the same partition: a bijection maps one onto the other.</summary>
    public static void SamePartition(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        int mismatches = 0, first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            bool okF = forward.TryGetValue(expected[i], out int a) ? a == actual[i] : forward.TryAdd(expected[i], actual[i]);
            bool okB = backward.TryGetValue(actual[i], out int b) ? b == expected[i] : backward.TryAdd(actual[i], expected[i]);
            if (!(okF && okB)) { mismatches++; if (first < 0) first = i; }
        }
        Assert.True(mismatches == 0, $"{what}: partitions differ at {mismatches} samples (first at {first})");
    }
}
