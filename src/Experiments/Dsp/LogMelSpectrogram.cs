
namespace MusicCluster.Experiments.Dsp;

/// <summary>Mel and log-mel spectrograms ([mels, frames], librosa's layout), fused with the STFT so no full spectrogram is stored.</summary>
public static class LogMelSpectrogram
{
    /// <summary>The log-mel spectrogram in dB: librosa.power_to_db(librosa.feature.melspectrogram(...)).</summary>
    public static FeatureMatrix Compute(ReadOnlySpan<float> signal, LogMelSettings settings) => Compute(signal, settings, parallel: true);

    /// <summary>As <see cref="Compute(ReadOnlySpan{float}, LogMelSettings)"/>; <paramref name="parallel"/> false keeps the STFT on the calling thread.</summary>
    internal static FeatureMatrix Compute(ReadOnlySpan<float> signal, LogMelSettings settings, bool parallel)
    {
        var mel = MelPower(signal, settings, parallel);
        ToDb(mel.Data, settings);
        return mel;
    }

    /// <summary>The mel spectrogram before the logarithm (power or magnitude per <see cref="LogMelSettings.Power"/>).</summary>
    public static FeatureMatrix MelPower(ReadOnlySpan<float> signal, LogMelSettings settings) => MelPower(signal, settings, parallel: true);

    private static FeatureMatrix MelPower(ReadOnlySpan<float> signal, LogMelSettings settings, bool parallel)
    {
        settings.Validate();
        var bank = MelFilterBank.Shared(settings);
        int frames = settings.Stft.FrameCount(signal.Length);
        var data = new float[settings.Mels * frames];
        bool magnitude = settings.Power == 1.0;
        Stft.ForEachPowerBatch<float>(signal, settings.Stft, settings.Mels + (magnitude ? settings.Stft.Bins : 0), (first, count, power, scratch) =>
        {
            var mel = scratch[..bank.Mels];
            if (magnitude)
            {
                var mag = scratch.Slice(bank.Mels, power.Length);
                for (int k = 0; k < power.Length; k++) mag[k] = System.Numerics.Vector.SquareRoot(power[k]);
                bank.Apply(mag, mel);
            }
            else bank.Apply(power, mel);
            var dst = data.AsSpan();
            for (int m = 0; m < mel.Length; m++) Stft.StoreLanes(mel[m], dst.Slice(m * frames + first), count);
        }, parallel);
        return new FeatureMatrix(data, settings.Mels, frames);
    }

    /// <summary>Applies the settings' power_to_db in place.</summary>
    public static void ToDb(Span<float> mel, LogMelSettings settings)
        => Decibels.PowerToDb(mel, settings.RefIsMax ? null : settings.Ref, settings.AMin, settings.TopDb);
}
