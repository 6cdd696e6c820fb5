using System.Collections.Concurrent;
using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// Forward FFT of real signals of any length n, lane-parallel like <see cref="LaneFft{T}"/>, returning bins 0..n/2.
/// Even lengths pack pairs of samples into one complex FFT of n/2 and untangle the halves afterwards, halving the work.
/// </summary>
internal sealed class RealLaneFft<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly ConcurrentDictionary<int, RealLaneFft<T>> Cache = new();
    private readonly LaneFft<T> _complex;
    private readonly T[] _wRe, _wIm;   // even n: e^{-2πi k/n}, k = 0..n/2

    private RealLaneFft(int length)
    {
        Length = length;
        bool even = length % 2 == 0;
        _complex = new LaneFft<T>(even ? length / 2 : length);
        int bins = length / 2 + 1;
        int m = _complex.Length;
        SampleOffsets = new int[length];
        for (int t = 0; t < length; t++)
            SampleOffsets[t] = even ? (t % 2) * m + _complex.InputPosition(t / 2) : _complex.InputPosition(t);
        _wRe = new T[even ? bins : 0];
        _wIm = new T[even ? bins : 0];
        if (even)
            for (int k = 0; k < bins; k++)
            {
                var (cos, sin) = Twiddle.Of(k, length);
                _wRe[k] = T.CreateTruncating(cos);
                _wIm[k] = T.CreateTruncating(sin);
            }
    }

    /// <summary>A shared plan for <paramref name="length"/>.</summary>
    public static RealLaneFft<T> For(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return Cache.GetOrAdd(length, n => new RealLaneFft<T>(n));
    }

    /// <summary>The real input length n.</summary>
    public int Length { get; }

    /// <summary>Output bins, n/2 + 1.</summary>
    public int Bins => Length / 2 + 1;

    /// <summary>Vectors of work space <see cref="Forward"/> needs.</summary>
    public int WorkLength => 2 * _complex.Length + _complex.WorkLength;

    /// <summary>
    /// For each input sample t, the vector index in the work space where <see cref="ForwardLoaded"/> expects it
    /// (even/odd split and bit reversal folded in), so a caller can load frames straight into place.
    /// </summary>
    public int[] SampleOffsets { get; }

    /// <summary>Transforms the n real samples per lane in <paramref name="x"/> into bins 0..n/2 of (re, im).</summary>
    public void Forward(ReadOnlySpan<Vector<T>> x, Span<Vector<T>> re, Span<Vector<T>> im, Span<Vector<T>> work)
    {
        work[..(2 * _complex.Length)].Clear();
        var offsets = SampleOffsets;
        for (int t = 0; t < x.Length; t++) work[offsets[t]] = x[t];
        ForwardLoaded(re, im, work);
    }

    /// <summary>Transforms samples already placed at <see cref="SampleOffsets"/> in <paramref name="work"/> (other slots zero).</summary>
    public void ForwardLoaded(Span<Vector<T>> re, Span<Vector<T>> im, Span<Vector<T>> work)
    {
        int m = _complex.Length;
        var zRe = work[..m];
        var zIm = work.Slice(m, m);
        var inner = work[(2 * m)..];
        _complex.ForwardPermuted(zRe, zIm, inner);
        if (Length % 2 == 1)
        {
            zRe[..Bins].CopyTo(re);
            zIm[..Bins].CopyTo(im);
            return;
        }
        // Z = E + iO with E, O the transforms of even and odd samples; X_k = E_k + e^{-2πik/n} O_k.
        var half = new Vector<T>(T.CreateTruncating(0.5));
        for (int k = 0; k <= m; k++)
        {
            int a = k == m ? 0 : k;
            int b = k == 0 ? 0 : m - k;
            Vector<T> zr = zRe[a], zi = zIm[a], cr = zRe[b], ci = zIm[b];
            Vector<T> er = (zr + cr) * half, ei = (zi - ci) * half;
            Vector<T> or = (zi + ci) * half, oi = (cr - zr) * half;
            var wr = new Vector<T>(_wRe[k]);
            var wi = new Vector<T>(_wIm[k]);
            re[k] = er + wr * or - wi * oi;
            im[k] = ei + wr * oi + wi * or;
        }
    }
}
