namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Seeded standard normal draws (Box–Muller on <see cref="Random"/>), identical for the same seed.</summary>
public sealed class GaussianRandom(int seed)
{
    private readonly Random _random = new(seed);
    private double _spare;
    private bool _hasSpare;

    /// <summary>The next N(0, 1) draw.</summary>
    public double Next()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fills a span with N(0, 1) draws.</summary>
    public void Fill(Span<double> values) { for (int i = 0; i < values.Length; i++) values[i] = Next(); }
}
