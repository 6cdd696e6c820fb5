namespace MusicCluster.Experiments.Dsp;

/// <summary>Local derivatives along frames, as librosa.feature.delta: a Savitzky–Golay filter (polyorder = order, mode "interp").</summary>
/// <remarks>
/// Interior frames get the least-squares polynomial fitted to the centred window; the first and last half-windows
/// evaluate the polynomial fitted to the first or last full window (scipy's "interp" edges). librosa refuses a
/// series shorter than the width; here the width shrinks to the longest odd window that fits, and a series too
/// short for any fit gives zeros.
/// </remarks>
public static class Delta
{
    /// <summary>The librosa default width.</summary>
    public const int DefaultWidth = 9;

    /// <summary>The <paramref name="order"/>-th derivative of every row of <paramref name="x"/> [rows, frames].</summary>
    public static FeatureMatrix Compute(FeatureMatrix x, int order = 1, int width = DefaultWidth)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), "order must be ≥ 1");
        if (width < 3 || width % 2 == 0) throw new ArgumentOutOfRangeException(nameof(width), "width must be odd and ≥ 3");
        int n = x.Columns;
        var result = new float[x.Data.Length];
        int w = Math.Min(width, n % 2 == 1 ? n : n - 1);
        if (w <= order) return new FeatureMatrix(result, x.Rows, n);
        int half = w / 2;
        // weights[t] evaluates the derivative at position t of a window of w samples.
        var weights = new double[w][];
        for (int t = 0; t < w; t++) weights[t] = DerivativeWeights(w, order, t);
        for (int r = 0; r < x.Rows; r++)
        {
            var src = x.Row(r);
            var dst = result.AsSpan(r * n, n);
            for (int f = 0; f < n; f++)
            {
                int start = f < half ? 0 : f >= n - half ? n - w : f - half;
                var wt = weights[f - start];
                double s = 0;
                for (int j = 0; j < w; j++) s += wt[j] * src[start + j];
                dst[f] = (float)s;
            }
        }
        return new FeatureMatrix(result, x.Rows, n);
    }

    /// <summary>Weights c_j with Σ c_j y_j = the <paramref name="order"/>-th derivative at <paramref name="at"/> of the degree-<paramref name="order"/> least-squares fit to y_0..y_{w−1}.</summary>
    internal static double[] DerivativeWeights(int w, int order, int at)
    {
        int p = order + 1;
        double centre = (w - 1) / 2.0;
        // Normal equations (AᵀA) a = Aᵀy over the centred positions; solve for the p×w pseudo-inverse column by column.
        var ata = new double[p, p];
        for (int i = 0; i < w; i++)
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) ata[a, b] += Math.Pow(i - centre, a + b);
        var inv = Invert(ata, p);
        double x0 = at - centre;
        var evalRow = new double[p]; // d^order/dx^order of x^j at x0
        for (int j = order; j < p; j++)
        {
            double f = 1;
            for (int q = 0; q < order; q++) f *= j - q;
            evalRow[j] = f * Math.Pow(x0, j - order);
        }
        var c = new double[w];
        for (int i = 0; i < w; i++)
        {
            double s = 0;
            for (int a = 0; a < p; a++)
            {
                double pinv = 0;
                for (int b = 0; b < p; b++) pinv += inv[a, b] * Math.Pow(i - centre, b);
                s += evalRow[a] * pinv;
            }
            c[i] = s;
        }
        return c;
    }

    private static double[,] Invert(double[,] m, int p)
    {
        var a = (double[,])m.Clone();
        var inv = new double[p, p];
        for (int i = 0; i < p; i++) inv[i, i] = 1;
        for (int col = 0; col < p; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < p; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int k = 0; k < p; k++) { (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]); (inv[col, k], inv[pivot, k]) = (inv[pivot, k], inv[col, k]); }
            double d = a[col, col];
            for (int k = 0; k < p; k++) { a[col, k] /= d; inv[col, k] /= d; }
            for (int r = 0; r < p; r++)
            {
                if (r == col) continue;
                double f = a[r, col];
                for (int k = 0; k < p; k++) { a[r, k] -= f * a[col, k]; inv[r, k] -= f * inv[col, k]; }
            }
        }
        return inv;
    }
}
