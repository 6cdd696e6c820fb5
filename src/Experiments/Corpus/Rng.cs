namespace MusicCluster.Experiments.Corpus;

/// <summary>A small deterministic generator (SplitMix64): the same seed gives the same stream on every runtime.</summary>
/// <remarks>System.Random's seeded algorithm is an implementation detail; the corpus must stay bit-identical.</remarks>
internal struct Rng(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed derived from a parent seed and an index, so each track has its own independent stream.</summary>
    public static ulong Derive(ulong seed, ulong index)
    {
        var r = new Rng(seed ^ (index * 0xD1B54A32D192ED03UL + 0x9E3779B97F4A7C15UL));
        r.NextUInt64();
        return r.NextUInt64();
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public float Range(double lo, double hi) => (float)(lo + (hi - lo) * NextDouble());

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>Uniform integer in [lo, hi].</summary>
    public int Between(int lo, int hi) => lo + Next(hi - lo + 1);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

/// <summary>A fast white-noise source for inner loops (xorshift32), seeded from an <see cref="Rng"/>.</summary>
internal struct Noise(uint seed)
{
    private uint _s = seed == 0 ? 0x9E3779B9u : seed;

    /// <summary>Uniform in [-1, 1).</summary>
    public float Next()
    {
        uint x = _s;
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        _s = x;
        return (int)x * (1f / 2147483648f);
    }
}
