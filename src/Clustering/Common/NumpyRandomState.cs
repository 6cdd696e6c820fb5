namespace MusicCluster.Clustering.Common;

/// <summary>numpy's legacy <c>RandomState(seed)</c> (MT19937) for the few draws where matching scikit-learn's random_state exactly matters.</summary>
/// <remarks>Only <see cref="Permutation"/> is provided: it is what <c>silhouette_score(sample_size=…, random_state=seed)</c> draws its rows with.</remarks>
internal sealed class NumpyRandomState
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>Seeds the generator as <c>np.random.RandomState(seed)</c> does for an integer seed (init_genrand).</summary>
    public NumpyRandomState(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>The next 32-bit output (the reference MT19937 tempering).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0);
        }
        _index = 0;
    }

    // numpy's random_interval: a uniform integer in [0, max] by masked rejection on 32-bit draws.
    private uint Interval(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint v;
        while ((v = NextUInt32() & mask) > max) { }
        return v;
    }

    /// <summary><c>RandomState.permutation(n)</c>: a Fisher–Yates shuffle of 0..n−1 from the last position down.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i >= 1; i--)
        {
            int j = (int)Interval((uint)i);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
