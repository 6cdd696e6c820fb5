using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// A forward complex FFT of one length, run on <c>Vector&lt;T&gt;.Count</c> independent signals at once: element j
/// of signal l sits in lane l of <c>re[j]</c>/<c>im[j]</c>. Every butterfly is then a plain SIMD operation with a
/// broadcast twiddle, with no shuffles. Powers of two use iterative radix-2; any other length uses Bluestein's
/// chirp-z algorithm over a power-of-two convolution. T is float (speed) or double (accuracy in far spectral tails).
/// Immutable after construction, so plans are shared across threads.
/// </summary>
internal sealed class LaneFft<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[]? _bitReverse;
    private readonly T[]? _twRe, _twIm;       // stage with half-size h: h twiddles at offset h - 1
    private readonly LaneFft<T>? _inner;              // Bluestein: the power-of-two convolution plan
    private readonly T[]? _chirpRe, _chirpIm;  // c_k = exp(-iπ k²/n)
    private readonly Vector<T>[]? _kernelRe, _kernelIm;    // FFT of conj(c) wrapped to the convolution length, divided by it

    public LaneFft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        if (BitOperations.IsPow2(length))
        {
            _bitReverse = BitReverse(length);
            (_twRe, _twIm) = StageTwiddles(length);
            return;
        }
        int m = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * length - 1));
        _inner = new LaneFft<T>(m);
        _chirpRe = new T[length];
        _chirpIm = new T[length];
        var bRe = new Vector<T>[m];
        var bIm = new Vector<T>[m];
        for (int k = 0; k < length; k++)
        {
            // k² mod 2n keeps the angle small, so the chirp stays accurate for long transforms.
            long k2 = (long)k * k % (2L * length);
            var (cos, sin) = Twiddle.Of(k2, 2L * length);
            _chirpRe[k] = T.CreateTruncating(cos);
            _chirpIm[k] = T.CreateTruncating(sin);
            var br = new Vector<T>(T.CreateTruncating(cos / m));
            var bi = new Vector<T>(T.CreateTruncating(-sin / m));
            bRe[k] = br; bIm[k] = bi;
            if (k > 0) { bRe[m - k] = br; bIm[m - k] = bi; }
        }
        _inner.Forward(bRe, bIm, []);
        _kernelRe = bRe;
        _kernelIm = bIm;
    }

    /// <summary>The transform length.</summary>
    public int Length { get; }

    /// <summary>Vectors of work space <see cref="Forward"/> needs.</summary>
    public int WorkLength => _inner is null ? 0 : 2 * _inner.Length;

    /// <summary>In-place forward transform X_k = Σ x_j e^{-2πi jk/n} of re/im (length n), lane by lane.</summary>
    public void Forward(Span<Vector<T>> re, Span<Vector<T>> im, Span<Vector<T>> work)
    {
        if (_inner is null)
        {
            Permute(re, im);
            Butterflies(re, im);
        }
        else Bluestein(re, im, work);
    }

    private void Permute(Span<Vector<T>> re, Span<Vector<T>> im)
    {
        var rev = _bitReverse!;
        for (int i = 0; i < rev.Length; i++)
        {
            int j = rev[i];
            if (j <= i) continue;
            (re[i], re[j]) = (re[j], re[i]);
            (im[i], im[j]) = (im[j], im[i]);
        }
    }

    private void Butterflies(Span<Vector<T>> re, Span<Vector<T>> im)
    {
        int n = re.Length;
        if (n == 1) return;
        for (int s = 0; s < n; s += 2)
        {
            Vector<T> ar = re[s], ai = im[s], br = re[s + 1], bi = im[s + 1];
            re[s] = ar + br; im[s] = ai + bi;
            re[s + 1] = ar - br; im[s + 1] = ai - bi;
        }
        if (n >= 4)
        {
            // Half-size 2: twiddles 1 and -i.
            for (int s = 0; s < n; s += 4)
            {
                Vector<T> ar = re[s], ai = im[s], br = re[s + 2], bi = im[s + 2];
                re[s] = ar + br; im[s] = ai + bi;
                re[s + 2] = ar - br; im[s + 2] = ai - bi;
                Vector<T> cr = re[s + 1], ci = im[s + 1], dr = im[s + 3], di = -re[s + 3];
                re[s + 1] = cr + dr; im[s + 1] = ci + di;
                re[s + 3] = cr - dr; im[s + 3] = ci - di;
            }
        }
        var twRe = _twRe!;
        var twIm = _twIm!;
        for (int half = 4; half < n; half <<= 1)
        {
            int size = 2 * half;
            var wRe = twRe.AsSpan(half - 1, half);
            var wIm = twIm.AsSpan(half - 1, half);
            for (int start = 0; start < n; start += size)
            {
                var aRe = re.Slice(start, half);
                var aIm = im.Slice(start, half);
                var bRe = re.Slice(start + half, half);
                var bIm = im.Slice(start + half, half);
                for (int j = 0; j < half; j++)
                {
                    var wr = new Vector<T>(wRe[j]);
                    var wi = new Vector<T>(wIm[j]);
                    Vector<T> xr = bRe[j], xi = bIm[j];
                    Vector<T> tr = xr * wr - xi * wi;
                    Vector<T> ti = xr * wi + xi * wr;
                    Vector<T> ur = aRe[j], ui = aIm[j];
                    aRe[j] = ur + tr; aIm[j] = ui + ti;
                    bRe[j] = ur - tr; bIm[j] = ui - ti;
                }
            }
        }
    }

    private void Bluestein(Span<Vector<T>> re, Span<Vector<T>> im, Span<Vector<T>> work)
    {
        int n = Length, m = _inner!.Length;
        var aRe = work[..m];
        var aIm = work.Slice(m, m);
        var cRe = _chirpRe!;
        var cIm = _chirpIm!;
        for (int k = 0; k < n; k++)
        {
            var wr = new Vector<T>(cRe[k]);
            var wi = new Vector<T>(cIm[k]);
            aRe[k] = re[k] * wr - im[k] * wi;
            aIm[k] = re[k] * wi + im[k] * wr;
        }
        aRe[n..].Clear();
        aIm[n..].Clear();
        _inner.Forward(aRe, aIm, []);
        var kRe = _kernelRe!;
        var kIm = _kernelIm!;
        for (int k = 0; k < m; k++)
        {
            Vector<T> xr = aRe[k], xi = aIm[k];
            aRe[k] = xr * kRe[k] - xi * kIm[k];
            aIm[k] = xr * kIm[k] + xi * kRe[k];
        }
        // Inverse transform by swapping real and imaginary parts around a forward one (the 1/m is in the kernel).
        _inner.Forward(aIm, aRe, []);
        for (int k = 0; k < n; k++)
        {
            var wr = new Vector<T>(cRe[k]);
            var wi = new Vector<T>(cIm[k]);
            Vector<T> xr = aRe[k], xi = aIm[k];
            re[k] = xr * wr - xi * wi;
            im[k] = xr * wi + xi * wr;
        }
    }

    private static int[] BitReverse(int n)
    {
        int bits = BitOperations.Log2((uint)n);
        var rev = new int[n];
        for (int i = 0; i < n; i++)
            rev[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        return rev;
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555) | ((v & 0x55555555) << 1);
        v = ((v >> 2) & 0x33333333) | ((v & 0x33333333) << 2);
        v = ((v >> 4) & 0x0F0F0F0F) | ((v & 0x0F0F0F0F) << 4);
        v = ((v >> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
        return (v >> 16) | (v << 16);
    }

    private static (T[] Re, T[] Im) StageTwiddles(int n)
    {
        var re = new T[Math.Max(1, n - 1)];
        var im = new T[Math.Max(1, n - 1)];
        for (int half = 1; half < n; half <<= 1)
            for (int j = 0; j < half; j++)
            {
                var (cos, sin) = Twiddle.Of(j, 2L * half);
                re[half - 1 + j] = T.CreateTruncating(cos);
                im[half - 1 + j] = T.CreateTruncating(sin);
            }
        return (re, im);
    }
}
