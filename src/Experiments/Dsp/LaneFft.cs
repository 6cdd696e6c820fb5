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
        if (_inner is null) Permute(re, im);
        ForwardPermuted(re, im, work);
    }

    /// <summary>Where input element j must be placed for <see cref="ForwardPermuted"/> (bit-reversed for powers of two).</summary>
    public int InputPosition(int j) => _bitReverse is null ? j : _bitReverse[j];

    /// <summary>The forward transform of input already stored at <see cref="InputPosition"/>: lets callers fuse the permutation into their load.</summary>
    public void ForwardPermuted(Span<Vector<T>> re, Span<Vector<T>> im, Span<Vector<T>> work)
    {
        if (_inner is null) Butterflies(re, im);
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
        // Stages half and 2·half fused into one radix-2² pass: half the loads and stores of two radix-2 passes.
        int h = 4;
        for (; 4 * h <= n; h <<= 2)
        {
            var w1Re = twRe.AsSpan(h - 1, h);
            var w1Im = twIm.AsSpan(h - 1, h);
            var w2Re = twRe.AsSpan(2 * h - 1, h);
            var w2Im = twIm.AsSpan(2 * h - 1, h);
            for (int start = 0; start < n; start += 4 * h)
            {
                var r0 = re.Slice(start, h); var i0 = im.Slice(start, h);
                var r1 = re.Slice(start + h, h); var i1 = im.Slice(start + h, h);
                var r2 = re.Slice(start + 2 * h, h); var i2 = im.Slice(start + 2 * h, h);
                var r3 = re.Slice(start + 3 * h, h); var i3 = im.Slice(start + 3 * h, h);
                for (int j = 0; j < h; j++)
                {
                    var ar = new Vector<T>(w1Re[j]);
                    var ai = new Vector<T>(w1Im[j]);
                    Vector<T> t1r = r1[j] * ar - i1[j] * ai, t1i = r1[j] * ai + i1[j] * ar;
                    Vector<T> t3r = r3[j] * ar - i3[j] * ai, t3i = r3[j] * ai + i3[j] * ar;
                    Vector<T> b0r = r0[j] + t1r, b0i = i0[j] + t1i, b1r = r0[j] - t1r, b1i = i0[j] - t1i;
                    Vector<T> b2r = r2[j] + t3r, b2i = i2[j] + t3i, b3r = r2[j] - t3r, b3i = i2[j] - t3i;
                    var br = new Vector<T>(w2Re[j]);
                    var bi = new Vector<T>(w2Im[j]);
                    Vector<T> u2r = b2r * br - b2i * bi, u2i = b2r * bi + b2i * br;
                    // The partner of b1 has twiddle w2·(−i).
                    Vector<T> u3r = b3r * bi + b3i * br, u3i = b3i * bi - b3r * br;
                    r0[j] = b0r + u2r; i0[j] = b0i + u2i;
                    r2[j] = b0r - u2r; i2[j] = b0i - u2i;
                    r1[j] = b1r + u3r; i1[j] = b1i + u3i;
                    r3[j] = b1r - u3r; i3[j] = b1i - u3i;
                }
            }
        }
        if (h < n)
        {
            // One radix-2 stage left over when the number of stages is odd.
            var wRe = twRe.AsSpan(h - 1, h);
            var wIm = twIm.AsSpan(h - 1, h);
            for (int start = 0; start < n; start += 2 * h)
            {
                var aRe = re.Slice(start, h);
                var aIm = im.Slice(start, h);
                var bRe = re.Slice(start + h, h);
                var bIm = im.Slice(start + h, h);
                for (int j = 0; j < h; j++)
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
