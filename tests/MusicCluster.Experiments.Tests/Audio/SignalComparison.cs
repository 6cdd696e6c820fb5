namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>Aligns two decodes of the same audio and measures how far apart they are.</summary>
internal static class SignalComparison
{
    /// <summary>The lag of <paramref name="test"/> (within ±<paramref name="maxLag"/>) with the highest SNR against <paramref name="reference"/>, and that SNR in dB.</summary>
    public static (int Lag, double SnrDb) BestAlignment(float[] reference, float[] test, int maxLag)
    {
        (int Lag, double Snr) best = (0, double.NegativeInfinity);
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double snr = Snr(reference, test, lag);
            if (snr > best.Snr) best = (lag, snr);
        }
        return best;
    }

    /// <summary>SNR of test[i + lag] against reference[i] over the overlap.</summary>
    public static double Snr(float[] reference, float[] test, int lag)
    {
        double signal = 0, noise = 0;
        int from = Math.Max(0, -lag), to = Math.Min(reference.Length, test.Length - lag);
        for (int i = from; i < to; i++)
        {
            double r = reference[i], d = test[i + lag] - r;
            signal += r * r;
            noise += d * d;
        }
        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }
}
