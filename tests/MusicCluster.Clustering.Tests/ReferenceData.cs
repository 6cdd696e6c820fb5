namespace MusicCluster.Clustering.Tests;

/// <summary>The datasets written once by tests/reference/clustering_fixtures.py (already rounded to float32).</summary>
internal sealed record ReferenceData(float[] X, int N, int D, int[] Y)
{
    public static readonly string[] Names = ["iris", "wine", "digits", "blobs"];

    private static readonly Dictionary<string, ReferenceData> Cache = new();

    public static ReferenceData Load(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            var f = TestSupport.Fixture.Load($"clustering/data_{name}.json");
            var shape = f.Shape("x");
            var data = new ReferenceData(f.Floats("x"), shape[0], shape[1], f.Ints("y"));
            Cache[name] = data;
            return data;
        }
    }

    public static Fixture Fixture(string kind, string name) => TestSupport.Fixture.Load($"clustering/{kind}_{name}.json");

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });
}
