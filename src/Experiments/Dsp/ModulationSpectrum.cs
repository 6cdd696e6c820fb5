namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// The modulation spectrum of coarse mel bands: the log-mel bands are averaged in groups into coarse bands; each
/// band's dB series over frames, mean removed and Hann-windowed, is transformed, and its power (|X|² / Σw²) is
/// averaged within octave bands of modulation frequency from 0.25 to 16 Hz; the result is ln(1e-10 + that mean).
/// An octave band that holds no FFT bin (a short track) takes the bin nearest its geometric centre.
/// </summary>
public static class ModulationSpectrum
{
    /// <summary>Octave edges in Hz: 0.25, 0.5, 1, 2, 4, 8, 16.</summary>
    public static readonly double[] Edges = [0.25, 0.5, 1, 2, 4, 8, 16];

    /// <summary>Log modulation energies [coarse bands, octave bands] of a log-mel spectrogram [mels, frames] at <paramref name="frameRate"/> frames per second.</summary>
    public static FeatureMatrix Compute(FeatureMatrix logMel, double frameRate, int coarseBands = 8)
    {
        if (coarseBands < 1 || coarseBands > logMel.Rows) throw new ArgumentOutOfRangeException(nameof(coarseBands), $"coarse bands must be in 1..{logMel.Rows}");
        int n = logMel.Columns, octaves = Edges.Length - 1;
        var result = new float[coarseBands * octaves];
        if (n == 0) { Array.Fill(result, (float)Math.Log(1e-10)); return new FeatureMatrix(result, coarseBands, octaves); }
        var x = new float[n];
        int bins = n / 2 + 1;
        var re = new float[bins];
        var im = new float[bins];
        var hann = Window.Create(WindowKind.Hann, n);
        double wsum = 0;
        foreach (float w in hann) wsum += (double)w * w;
        if (wsum == 0) wsum = 1;
        for (int c = 0; c < coarseBands; c++)
        {
            int m0 = c * logMel.Rows / coarseBands, m1 = (c + 1) * logMel.Rows / coarseBands;
            double mean = 0;
            for (int t = 0; t < n; t++)
            {
                double s = 0;
                for (int m = m0; m < m1; m++) s += logMel[m, t];
                x[t] = (float)(s / (m1 - m0));
                mean += x[t];
            }
            mean /= n;
            for (int t = 0; t < n; t++) x[t] = (float)((x[t] - mean) * hann[t]);
            RealFft.Forward(x, re, im);
            for (int o = 0; o < octaves; o++)
            {
                double s = 0;
                int count = 0;
                for (int k = 0; k < bins; k++)
                {
                    double f = k * frameRate / n;
                    if (f >= Edges[o] && f < Edges[o + 1]) { s += ((double)re[k] * re[k] + (double)im[k] * im[k]) / wsum; count++; }
                }
                if (count == 0)
                {
                    int k = Math.Clamp((int)Math.Round(Math.Sqrt(Edges[o] * Edges[o + 1]) * n / frameRate), 0, bins - 1);
                    s = ((double)re[k] * re[k] + (double)im[k] * im[k]) / wsum;
                    count = 1;
                }
                result[c * octaves + o] = (float)Math.Log(1e-10 + s / count);
            }
        }
        return new FeatureMatrix(result, coarseBands, octaves);
    }
}
