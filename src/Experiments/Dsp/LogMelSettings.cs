namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// Everything that defines a (log-)mel spectrogram; the defaults are librosa's (melspectrogram + power_to_db)
/// except <see cref="Mels"/>, which defaults to the 64 bands the conv VAE's patches use.
/// </summary>
/// <param name="SampleRate">Analysis rate in Hz.</param>
/// <param name="NFft">FFT size.</param>
/// <param name="HopLength">Hop between frames in samples.</param>
/// <param name="Mels">Mel bands (64 or 128 are usual).</param>
/// <param name="FMin">Lowest filter edge in Hz.</param>
/// <param name="FMax">Highest filter edge in Hz; null means SampleRate / 2.</param>
/// <param name="Center">Centre frames by padding n_fft/2 at both ends.</param>
/// <param name="PadMode">Padding used when centring.</param>
/// <param name="Window">Analysis window.</param>
/// <param name="Scale">Mel scale.</param>
/// <param name="SlaneyNorm">Slaney area normalisation of the filters.</param>
/// <param name="Power">Exponent of the magnitude before the mel sum: 2 (power) or 1 (magnitude).</param>
/// <param name="Ref">Reference power for 0 dB (power_to_db's ref); ignored when <see cref="RefIsMax"/>.</param>
/// <param name="RefIsMax">Use the spectrogram's maximum as the reference (ref=np.max).</param>
/// <param name="AMin">Floor applied before the logarithm.</param>
/// <param name="TopDb">Clip values more than this many dB below the peak; null disables.</param>
public sealed record LogMelSettings(
    int SampleRate = 22050, int NFft = 2048, int HopLength = 512, int Mels = 64, double FMin = 0, double? FMax = null,
    bool Center = true, PadMode PadMode = PadMode.Constant, WindowKind Window = WindowKind.Hann,
    MelScale Scale = MelScale.Slaney, bool SlaneyNorm = true, double Power = 2.0,
    double Ref = 1.0, bool RefIsMax = false, double AMin = 1e-10, double? TopDb = 80.0)
{
    /// <summary>The STFT part of these settings.</summary>
    public StftSettings Stft => new(NFft, HopLength, null, Window, Center, PadMode);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad field.</summary>
    public void Validate()
    {
        Stft.Validate();
        if (SampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(SampleRate), "sample rate must be positive");
        if (Mels <= 0) throw new ArgumentOutOfRangeException(nameof(Mels), "need at least one mel band");
        if (Power is not (1.0 or 2.0)) throw new ArgumentOutOfRangeException(nameof(Power), "power must be 1 or 2");
        if (!(AMin > 0)) throw new ArgumentOutOfRangeException(nameof(AMin), "amin must be positive");
        if (!RefIsMax && !(Ref > 0)) throw new ArgumentOutOfRangeException(nameof(Ref), "ref must be positive");
        if (TopDb is double t && !(t >= 0)) throw new ArgumentOutOfRangeException(nameof(TopDb), "top_db must be non-negative");
    }

    /// <summary>The filter bank these settings describe.</summary>
    public MelFilterBank CreateFilterBank() => new(SampleRate, NFft, Mels, FMin, FMax, Scale, SlaneyNorm);
}
