namespace MusicCluster.Experiments.Dsp;

/// <summary>How the signal is extended at both ends when frames are centred.</summary>
public enum PadMode
{
    /// <summary>Zeros (librosa ≥ 0.10's default).</summary>
    Constant,

    /// <summary>Mirror without repeating the edge sample (numpy "reflect"; torch.stft's default).</summary>
    Reflect,
}

/// <summary>Short-time Fourier transform framing: FFT size, hop, window and centring.</summary>
/// <param name="NFft">FFT size (any length ≥ 1).</param>
/// <param name="HopLength">Samples between frame starts.</param>
/// <param name="WinLength">Window length (≤ n_fft, centred); null means n_fft.</param>
/// <param name="Window">Window shape.</param>
/// <param name="Center">Pad n_fft/2 samples at both ends so frame t is centred on sample t·hop.</param>
/// <param name="PadMode">The padding used when centring.</param>
public sealed record StftSettings(int NFft = 2048, int HopLength = 512, int? WinLength = null,
    WindowKind Window = WindowKind.Hann, bool Center = true, PadMode PadMode = PadMode.Constant)
{
    /// <summary>Frequency bins, n_fft/2 + 1.</summary>
    public int Bins => NFft / 2 + 1;

    /// <summary>Frames for a signal of <paramref name="length"/> samples (librosa's count).</summary>
    public int FrameCount(int length)
    {
        int padded = Center ? length + 2 * (NFft / 2) : length;
        return padded < NFft ? 0 : 1 + (padded - NFft) / HopLength;
    }

    /// <summary>Throws if a field is out of range.</summary>
    public void Validate()
    {
        if (NFft < 1) throw new ArgumentOutOfRangeException(nameof(NFft), "n_fft must be ≥ 1");
        if (HopLength < 1) throw new ArgumentOutOfRangeException(nameof(HopLength), "hop length must be ≥ 1");
        if (WinLength is int w && (w < 1 || w > NFft)) throw new ArgumentOutOfRangeException(nameof(WinLength), "window length must be in 1..n_fft");
    }
}
