using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Manifold;

/// <summary>t-SNE repulsion by polynomial interpolation on an equispaced grid and FFT convolution (Linderman et al. 2019, FIt-SNE; openTSNE).</summary>
/// <remarks>
/// The embedding's bounding square is cut into boxes with <see cref="NodesPerBox"/> equispaced Lagrange nodes each. Point charges
/// (1, y₁, y₂, ‖y‖²) are spread onto the nodes with the interpolation weights, convolved with the kernel (1 + r²)⁻² on the node
/// grid by a zero-padded FFT, and interpolated back. From those four potentials come Σⱼ wᵢⱼ²(yᵢ − yⱼ) and Z = Σᵢ≠ⱼ wᵢⱼ, with
/// wᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹: one kernel for both, as openTSNE does. Cost O(n + G² log G) per call for a G×G grid; G follows the
/// embedding's extent (at least <see cref="MinBoxes"/> boxes a side, boxes at most one unit wide) rounded so the FFT side is a power of two.
/// </remarks>
internal sealed class InterpolatedRepulsion(int n)
{
    /// <summary>Lagrange nodes per box side (openTSNE's default).</summary>
    public const int NodesPerBox = 3;

    /// <summary>Fewest boxes per side (openTSNE's min_num_intervals is 50; with power-of-two FFT sides 40 gives a 256 side, 42 boxes).</summary>
    public const int MinBoxes = 40;

    /// <summary>Largest FFT side: 2048² doubles ≈ 32 MiB a plane; an embedding wider than about 340 units gets boxes wider than one unit.</summary>
    public const int MaxFftSide = 2048;

    private const int Chunk = 1024;
    private readonly int[] _cell = new int[2 * n];
    private readonly double[] _weights = new double[2 * NodesPerBox * n];
    private readonly double[] _potential = new double[4 * n];
    private SquareFft? _fft;
    private double _kernelSpacing = double.NaN;
    private double[] _kRe = [], _kIm = [], _aRe = [], _aIm = [], _bRe = [], _bIm = [];

    /// <summary>Grid nodes per side of the last call.</summary>
    public int GridSide { get; private set; }

    /// <summary>Writes Σⱼ wᵢⱼ²(yᵢ − yⱼ) for every point into <paramref name="repulsion"/> (n×2) and returns Z = Σᵢ≠ⱼ wᵢⱼ.</summary>
    public double Compute(double[] y, double[] repulsion)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < 2 * n; i++) { lo = Math.Min(lo, y[i]); hi = Math.Max(hi, y[i]); }
        double span = Math.Max(hi - lo, 1e-12);
        int fftSide = FftSide(span);
        int boxes = (fftSide + 1) / (2 * NodesPerBox), side = boxes * NodesPerBox;
        // Box widths on a ladder of 2^(1/8) steps: the kernel's spectrum depends only on the node spacing and the FFT side, so
        // while the embedding grows within one step it is reused instead of transformed again.
        double boxWidth = Math.Pow(2, Math.Ceiling(8 * Math.Log2(span * (1 + 1e-9) / boxes)) / 8), h = boxWidth / NodesPerBox;
        GridSide = side;
        Prepare(fftSide);
        Weights(y, lo, boxWidth, boxes);
        // Charges relative to the square's centre: ‖y‖² stays as small as it can, which limits the cancellation in Z and the forces.
        double centre = lo + span / 2;
        Spread(y, fftSide, centre);
        if (h != _kernelSpacing) { KernelSpectrum(fftSide, side, h); _kernelSpacing = h; }
        _fft!.Forward2D(_aRe, _aIm, side);
        _fft.Forward2D(_bRe, _bIm, side);
        // The kernel is real and even, so its spectrum is real: each packed pair of charges is convolved by one multiply.
        for (int q = 0; q < _kRe.Length; q++)
        {
            double k = _kRe[q];
            _aRe[q] *= k; _aIm[q] *= k; _bRe[q] *= k; _bIm[q] *= k;
        }
        _fft.Inverse2D(_aRe, _aIm, side);
        _fft.Inverse2D(_bRe, _bIm, side);
        return Gather(y, repulsion, fftSide, centre);
    }

    // The smallest power-of-two side whose zero-padded grid holds enough boxes of at most one unit.
    private static int FftSide(double span)
    {
        int needBoxes = Math.Max(MinBoxes, (int)Math.Ceiling(span));
        int side = 2;
        while (side < MaxFftSide && (side + 1) / (2 * NodesPerBox) < needBoxes) side <<= 1;
        return side;
    }

    private void Prepare(int fftSide)
    {
        if (_fft?.M != fftSide)
        {
            _fft = new SquareFft(fftSide);
            _kernelSpacing = double.NaN;
            long size = (long)fftSide * fftSide;
            _kRe = new double[size]; _kIm = new double[size];
            _aRe = new double[size]; _aIm = new double[size]; _bRe = new double[size]; _bIm = new double[size];
        }
        else
        {
            Array.Clear(_aRe); Array.Clear(_aIm); Array.Clear(_bRe); Array.Clear(_bIm);
        }
    }

    // Box of every point and its Lagrange weights at the box's nodes (at (k + ½)/p of the box), per axis.
    private void Weights(double[] y, double lo, double boxWidth, int boxes)
    {
        FixedChunks.For(n, Chunk, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
                for (int a = 0; a < 2; a++)
                {
                    double u = (y[2 * i + a] - lo) / boxWidth;
                    int b = Math.Min((int)u, boxes - 1);
                    double t = u - b;
                    _cell[2 * i + a] = b * NodesPerBox;
                    var w = _weights.AsSpan((2 * i + a) * NodesPerBox, NodesPerBox);
                    for (int k = 0; k < NodesPerBox; k++)
                    {
                        double tk = (k + 0.5) / NodesPerBox, l = 1;
                        for (int j = 0; j < NodesPerBox; j++)
                            if (j != k) l *= (t - (j + 0.5) / NodesPerBox) / (tk - (j + 0.5) / NodesPerBox);
                        w[k] = l;
                    }
                }
        }, workPerItem: 40);
    }

    // Charges onto the node grid, serially in point order (a fixed summation order; it is O(n) and cheap next to the FFT).
    private void Spread(double[] y, int m, double centre)
    {
        for (int i = 0; i < n; i++)
        {
            double x1 = y[2 * i] - centre, x2 = y[2 * i + 1] - centre, sq = x1 * x1 + x2 * x2;
            int cx = _cell[2 * i], cy = _cell[2 * i + 1];
            var wx = _weights.AsSpan(2 * i * NodesPerBox, NodesPerBox);
            var wy = _weights.AsSpan((2 * i + 1) * NodesPerBox, NodesPerBox);
            for (int l = 0; l < NodesPerBox; l++)
            {
                int row = (cy + l) * m + cx;
                for (int k = 0; k < NodesPerBox; k++)
                {
                    double w = wy[l] * wx[k];
                    _aRe[row + k] += w; _aIm[row + k] += w * x1;
                    _bRe[row + k] += w * x2; _bIm[row + k] += w * sq;
                }
            }
        }
    }

    // The kernel at every node offset, wrapped circularly so the circular convolution is the linear one on the first side² nodes;
    // its transform, scaled by the inverse's 1/M².
    private void KernelSpectrum(int m, int side, double h)
    {
        Array.Clear(_kRe); Array.Clear(_kIm);
        for (int dy = -(side - 1); dy < side; dy++)
        {
            int row = (dy + m) % m * m;
            for (int dx = -(side - 1); dx < side; dx++)
            {
                double r2 = h * h * ((double)dx * dx + (double)dy * dy);
                double k = 1 / (1 + r2);
                _kRe[row + (dx + m) % m] = k * k;
            }
        }
        _fft!.Forward2D(_kRe, _kIm, m);
        double scale = 1.0 / ((double)m * m);
        for (int q = 0; q < _kRe.Length; q++) _kRe[q] *= scale;
    }

    private double Gather(double[] y, double[] repulsion, int m, double centre)
    {
        int chunks = FixedChunks.Count(n, Chunk);
        var partial = new double[chunks];
        FixedChunks.For(n, Chunk, (chunk, start, end) =>
        {
            double z = 0;
            for (int i = start; i < end; i++)
            {
                int cx = _cell[2 * i], cy = _cell[2 * i + 1];
                var wx = _weights.AsSpan(2 * i * NodesPerBox, NodesPerBox);
                var wy = _weights.AsSpan((2 * i + 1) * NodesPerBox, NodesPerBox);
                double p0 = 0, p1 = 0, p2 = 0, p3 = 0;
                for (int l = 0; l < NodesPerBox; l++)
                {
                    int row = (cy + l) * m + cx;
                    for (int k = 0; k < NodesPerBox; k++)
                    {
                        double w = wy[l] * wx[k];
                        p0 += w * _aRe[row + k]; p1 += w * _aIm[row + k];
                        p2 += w * _bRe[row + k]; p3 += w * _bIm[row + k];
                    }
                }
                double x1 = y[2 * i] - centre, x2 = y[2 * i + 1] - centre;
                z += (1 + x1 * x1 + x2 * x2) * p0 - 2 * (x1 * p1 + x2 * p2) + p3;
                repulsion[2 * i] = x1 * p0 - p1;
                repulsion[2 * i + 1] = x2 * p0 - p2;
            }
            partial[chunk] = z;
        }, workPerItem: 80);
        double total = 0;
        foreach (double v in partial) total += v;
        return total - n;
    }
}
