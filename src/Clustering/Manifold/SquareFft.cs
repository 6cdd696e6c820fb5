using System.Numerics;
using System.Runtime.CompilerServices;

namespace MusicCluster.Clustering.Manifold;

/// <summary>Radix-2 complex FFT of an M×M grid (M a power of two), float64, split real and imaginary planes, row-major.</summary>
/// <remarks>
/// Only the transform along the rows' index ("columns" pass) is implemented: its butterflies combine whole rows, so they are
/// plain vector operations over contiguous memory, done in column strips that stay in L2 for all stages. The other axis is a
/// transpose away; callers of the 2-D pair <see cref="Forward2D"/>/<see cref="Inverse2D"/> see the spectrum transposed, which
/// does not matter for a symmetric convolution kernel. Strips run in parallel, each computed the same way, so results do not
/// depend on the core count.
/// </remarks>
internal sealed class SquareFft
{
    private const int Strip = 16;
    private readonly double[] _cos, _sin;
    private readonly int[] _bitReverse;

    public SquareFft(int m)
    {
        if (m < 2 || (m & (m - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(m), $"FFT size must be a power of two, got {m}");
        M = m;
        _cos = new double[m / 2]; _sin = new double[m / 2];
        for (int k = 0; k < m / 2; k++)
        {
            // Exact at the quarter points, so the symmetric kernel's spectrum stays real to round-off.
            double a = 2 * Math.PI * k / m;
            _cos[k] = 4 * k == m ? 0 : Math.Cos(a);
            _sin[k] = 4 * k == m ? 1 : Math.Sin(a);
        }
        _bitReverse = new int[m];
        int bits = BitOperations.Log2((uint)m);
        for (int i = 0; i < m; i++) _bitReverse[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
    }

    /// <summary>Grid side.</summary>
    public int M { get; }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }

    /// <summary>2-D forward transform, result transposed; only the first <paramref name="nonZeroColumns"/> columns of the input may be non-zero.</summary>
    public void Forward2D(double[] re, double[] im, int nonZeroColumns)
    {
        Columns(re, im, nonZeroColumns, inverse: false);
        Transpose(re); Transpose(im);
        Columns(re, im, M, inverse: false);
    }

    /// <summary>2-D inverse (unscaled) of a transposed spectrum; only the first <paramref name="neededColumns"/> columns of the output are computed correctly.</summary>
    public void Inverse2D(double[] re, double[] im, int neededColumns)
    {
        Columns(re, im, M, inverse: true);
        Transpose(re); Transpose(im);
        Columns(re, im, neededColumns, inverse: true);
    }

    /// <summary>1-D transforms of the first <paramref name="columns"/> columns (each column a length-M signal down the rows).</summary>
    public void Columns(double[] re, double[] im, int columns, bool inverse)
    {
        int m = M;
        int strips = (columns + Strip - 1) / Strip;
        Parallel.For(0, strips, new ParallelOptions { MaxDegreeOfParallelism = strips * (long)m * Strip < 1 << 16 ? 1 : -1 }, s =>
        {
            int c0 = s * Strip, width = Math.Min(Strip, columns - c0);
            Span<double> tmp = stackalloc double[Strip];
            for (int i = 0; i < m; i++)
            {
                int j = _bitReverse[i];
                if (j <= i) continue;
                re.AsSpan(i * m + c0, width).CopyTo(tmp);
                re.AsSpan(j * m + c0, width).CopyTo(re.AsSpan(i * m + c0, width));
                tmp[..width].CopyTo(re.AsSpan(j * m + c0, width));
                im.AsSpan(i * m + c0, width).CopyTo(tmp);
                im.AsSpan(j * m + c0, width).CopyTo(im.AsSpan(i * m + c0, width));
                tmp[..width].CopyTo(im.AsSpan(j * m + c0, width));
            }
            if (width == Strip) StripStages(re, im, c0, inverse);
            else ScalarStages(re, im, c0, width, inverse);
        });
    }

    // Radix-2 stages fused in pairs (radix 2²): each pass loads four rows of the strip, applies two stages, stores once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StripStages(double[] re, double[] im, int c0, bool inverse)
    {
        int m = M, w = Vector<double>.Count;
        double sign = inverse ? 1 : -1;
        int q = 1;
        if ((BitOperations.Log2((uint)m) & 1) == 1)
        {
            // One plain stage first when the number of stages is odd (len = 2: twiddle 1).
            for (int g = 0; g < m; g += 2)
            {
                int a = g * m + c0, b = a + m;
                for (int c = 0; c < Strip; c += w)
                {
                    var ar = new Vector<double>(re.AsSpan(a + c, w)); var ai = new Vector<double>(im.AsSpan(a + c, w));
                    var br = new Vector<double>(re.AsSpan(b + c, w)); var bi = new Vector<double>(im.AsSpan(b + c, w));
                    (ar - br).CopyTo(re.AsSpan(b + c, w)); (ai - bi).CopyTo(im.AsSpan(b + c, w));
                    (ar + br).CopyTo(re.AsSpan(a + c, w)); (ai + bi).CopyTo(im.AsSpan(a + c, w));
                }
            }
            q = 2;
        }
        for (; 4 * q <= m; q *= 4)
        {
            int stepA = m / (2 * q), stepB = m / (4 * q);
            for (int g = 0; g < m; g += 4 * q)
                for (int j = 0; j < q; j++)
                {
                    var war = new Vector<double>(_cos[j * stepA]); var wai = new Vector<double>(sign * _sin[j * stepA]);
                    var wbr = new Vector<double>(_cos[j * stepB]); var wbi = new Vector<double>(sign * _sin[j * stepB]);
                    // W_{4q}^{j+q} = W_{4q}^j · W_4 = W_{4q}^j · (∓i).
                    var wcr = -sign * wbi; var wci = sign * wbr;
                    int r0 = (g + j) * m + c0, r1 = r0 + q * m, r2 = r1 + q * m, r3 = r2 + q * m;
                    for (int c = 0; c < Strip; c += w)
                    {
                        var x0r = new Vector<double>(re.AsSpan(r0 + c, w)); var x0i = new Vector<double>(im.AsSpan(r0 + c, w));
                        var x1r = new Vector<double>(re.AsSpan(r1 + c, w)); var x1i = new Vector<double>(im.AsSpan(r1 + c, w));
                        var x2r = new Vector<double>(re.AsSpan(r2 + c, w)); var x2i = new Vector<double>(im.AsSpan(r2 + c, w));
                        var x3r = new Vector<double>(re.AsSpan(r3 + c, w)); var x3i = new Vector<double>(im.AsSpan(r3 + c, w));
                        var tr = x1r * war - x1i * wai; var ti = x1r * wai + x1i * war;
                        var sr = x3r * war - x3i * wai; var si = x3r * wai + x3i * war;
                        var a0r = x0r + tr; var a0i = x0i + ti; var a1r = x0r - tr; var a1i = x0i - ti;
                        var a2r = x2r + sr; var a2i = x2i + si; var a3r = x2r - sr; var a3i = x2i - si;
                        var ur = a2r * wbr - a2i * wbi; var ui = a2r * wbi + a2i * wbr;
                        var vr = a3r * wcr - a3i * wci; var vi = a3r * wci + a3i * wcr;
                        (a0r + ur).CopyTo(re.AsSpan(r0 + c, w)); (a0i + ui).CopyTo(im.AsSpan(r0 + c, w));
                        (a0r - ur).CopyTo(re.AsSpan(r2 + c, w)); (a0i - ui).CopyTo(im.AsSpan(r2 + c, w));
                        (a1r + vr).CopyTo(re.AsSpan(r1 + c, w)); (a1i + vi).CopyTo(im.AsSpan(r1 + c, w));
                        (a1r - vr).CopyTo(re.AsSpan(r3 + c, w)); (a1i - vi).CopyTo(im.AsSpan(r3 + c, w));
                    }
                }
        }
    }

    private void ScalarStages(double[] re, double[] im, int c0, int width, bool inverse)
    {
        int m = M;
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= m; len <<= 1)
        {
            int half = len >> 1, step = m / len;
            for (int g = 0; g < m; g += len)
                for (int j = 0; j < half; j++)
                {
                    double wr = _cos[j * step], wi = sign * _sin[j * step];
                    int a = (g + j) * m + c0, b = a + half * m;
                    for (int c = 0; c < width; c++)
                    {
                        double tr = re[b + c] * wr - im[b + c] * wi, ti = re[b + c] * wi + im[b + c] * wr;
                        re[b + c] = re[a + c] - tr; im[b + c] = im[a + c] - ti;
                        re[a + c] += tr; im[a + c] += ti;
                    }
                }
        }
    }

    /// <summary>In-place transpose of the M×M plane, by 32×32 tiles.</summary>
    public void Transpose(double[] x)
    {
        int m = M;
        const int tile = 32;
        int tiles = (m + tile - 1) / tile;
        Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = (long)m * m < 1 << 16 ? 1 : -1 }, ti =>
        {
            int i0 = ti * tile, i1 = Math.Min(m, i0 + tile);
            for (int j0 = i0; j0 < m; j0 += tile)
            {
                int j1 = Math.Min(m, j0 + tile);
                for (int i = i0; i < i1; i++)
                    for (int j = Math.Max(j0, i + 1); j < j1; j++)
                        (x[i * m + j], x[j * m + i]) = (x[j * m + i], x[i * m + j]);
            }
        });
    }
}
