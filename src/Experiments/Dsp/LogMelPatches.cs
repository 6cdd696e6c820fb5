namespace MusicCluster.Experiments.Dsp;

/// <summary>Fixed-size log-mel patches [count, mels, frames] for the convolutional VAE.</summary>
/// <param name="Data">Patch after patch, each row-major [mels, frames].</param>
/// <param name="Count">Number of patches.</param>
/// <param name="Mels">Mel bands per patch.</param>
/// <param name="Frames">Frames per patch.</param>
public sealed record PatchBatch(float[] Data, int Count, int Mels, int Frames)
{
    /// <summary>Patch <paramref name="index"/> as a span of Mels × Frames values.</summary>
    public ReadOnlySpan<float> Patch(int index) => Data.AsSpan(index * Mels * Frames, Mels * Frames);
}

/// <summary>
/// Cuts a log-mel spectrogram into patches. Rule: non-overlapping tiles of <c>frames</c> columns starting at frame 0
/// (or tiles every <c>stride</c> frames when a stride is given); a last partial tile is dropped. A track shorter
/// than one patch gives exactly one patch, its frames at the left and the rest filled with the track's minimum
/// (the dB floor, i.e. silence). Every track therefore gives at least one patch.
/// </summary>
public static class LogMelPatches
{
    /// <summary>The default patch width in frames (64 frames ≈ 1.5 s at hop 512 and 22 050 Hz).</summary>
    public const int DefaultFrames = 64;

    /// <summary>All patches of one track's log-mel spectrogram [mels, frames].</summary>
    public static PatchBatch Extract(FeatureMatrix logMel, int frames = DefaultFrames, int? stride = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        int step = stride ?? frames;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        int mels = logMel.Rows, total = logMel.Columns;
        if (total < frames)
        {
            float fill = total == 0 ? 0f : System.Numerics.Tensors.TensorPrimitives.Min(logMel.Data);
            var one = new float[mels * frames];
            Array.Fill(one, fill);
            for (int m = 0; m < mels; m++) logMel.Row(m).CopyTo(one.AsSpan(m * frames));
            return new PatchBatch(one, 1, mels, frames);
        }
        int count = 1 + (total - frames) / step;
        var data = new float[(long)count * mels * frames];
        for (int p = 0; p < count; p++)
            for (int m = 0; m < mels; m++)
                logMel.Row(m).Slice(p * step, frames).CopyTo(data.AsSpan((p * mels + m) * frames, frames));
        return new PatchBatch(data, count, mels, frames);
    }

    /// <summary>Log-mel of <paramref name="signal"/> per <paramref name="settings"/>, then <see cref="Extract(FeatureMatrix, int, int?)"/>.</summary>
    public static PatchBatch Extract(ReadOnlySpan<float> signal, LogMelSettings settings, int frames = DefaultFrames, int? stride = null)
        => Extract(LogMelSpectrogram.Compute(signal, settings), frames, stride);
}
