namespace MusicCluster.Experiments.Dsp;

/// <summary>Analysis window shapes.</summary>
public enum WindowKind
{
    /// <summary>Hann: 0.5 − 0.5 cos(2πt/N).</summary>
    Hann,

    /// <summary>Hamming: 0.54 − 0.46 cos(2πt/N).</summary>
    Hamming,

    /// <summary>No taper.</summary>
    Rectangular,
}

/// <summary>Window functions, periodic ("fftbins") as scipy.signal.get_window, librosa and torch.hann_window use for spectra.</summary>
public static class Window
{
    /// <summary>A periodic window of <paramref name="length"/> samples, computed in double.</summary>
    public static float[] Create(WindowKind kind, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var w = new float[length];
        for (int t = 0; t < length; t++)
        {
            double c = Math.Cos(2 * Math.PI * t / length);
            w[t] = kind switch
            {
                WindowKind.Hann => (float)(0.5 - 0.5 * c),
                WindowKind.Hamming => (float)(0.54 - 0.46 * c),
                _ => 1f,
            };
        }
        return w;
    }

    /// <summary>A window of <paramref name="winLength"/> samples centred in <paramref name="nFft"/> zeros (librosa's pad_center).</summary>
    public static float[] Centered(WindowKind kind, int winLength, int nFft)
    {
        if (winLength > nFft) throw new ArgumentOutOfRangeException(nameof(winLength), $"window length {winLength} exceeds n_fft {nFft}");
        var full = new float[nFft];
        Create(kind, winLength).CopyTo(full, (nFft - winLength) / 2);
        return full;
    }

    /// <summary>As <see cref="Centered(WindowKind, int, int)"/>, computed in double and rounded once to <typeparamref name="T"/>
    /// (a float64 STFT then sees the exact window, so its leakage floor matches numpy's).</summary>
    public static T[] Centered<T>(WindowKind kind, int winLength, int nFft) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (winLength > nFft) throw new ArgumentOutOfRangeException(nameof(winLength), $"window length {winLength} exceeds n_fft {nFft}");
        var full = new T[nFft];
        int offset = (nFft - winLength) / 2;
        for (int t = 0; t < winLength; t++)
        {
            double c = Math.Cos(2 * Math.PI * t / winLength);
            double w = kind switch { WindowKind.Hann => 0.5 - 0.5 * c, WindowKind.Hamming => 0.54 - 0.46 * c, _ => 1.0 };
            full[offset + t] = T.CreateTruncating(w);
        }
        return full;
    }
}
