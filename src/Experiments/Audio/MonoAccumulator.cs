using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// Collects decoded blocks as mono (the channel average, computed in double as <see cref="WavReader"/> does), keeping
/// only frames [<c>skip</c>, <c>skip + limit</c>). Storage grows with the audio actually decoded, never from a header.
/// </summary>
internal sealed class MonoAccumulator(string name, long skip, long limit)
{
    private float[] _data = new float[1 << 16];
    private int _length;

    /// <summary>Frames offered so far (including skipped ones).</summary>
    public long Seen { get; private set; }

    /// <summary>True once the excerpt is complete, so the decoder can stop early.</summary>
    public bool Full => Seen >= skip + limit;

    /// <summary>Integer samples (planar, <paramref name="bits"/>-bit full scale), e.g. a FLAC block.</summary>
    public void AddPlanar(long[][] channels, int channelCount, int frames, int bits)
    {
        var (from, to, at) = Window(frames);
        double mixScale = 1.0 / (1L << (bits - 1)) / channelCount;
        var dst = _data.AsSpan(at, to - from);
        if (channelCount == 1)
        {
            var a = channels[0].AsSpan(from, to - from);
            for (int i = 0; i < dst.Length; i++) dst[i] = (float)(a[i] * mixScale);
        }
        else if (channelCount == 2)
        {
            var a = channels[0].AsSpan(from, to - from);
            var b = channels[1].AsSpan(from, to - from);
            for (int i = 0; i < dst.Length; i++) dst[i] = (float)((double)(a[i] + b[i]) * mixScale);
        }
        else
        {
            for (int i = 0; i < dst.Length; i++)
            {
                long sum = 0;
                for (int c = 0; c < channelCount; c++) sum += channels[c][from + i];
                dst[i] = (float)(sum * mixScale);
            }
        }
    }

    /// <summary>Interleaved float frames of <paramref name="channelCount"/> channels.</summary>
    public void AddInterleaved(ReadOnlySpan<float> samples, int channelCount)
    {
        var (from, to, at) = Window(samples.Length / channelCount);
        double mixScale = 1.0 / channelCount;
        var dst = _data.AsSpan(at, to - from);
        for (int i = 0; i < dst.Length; i++)
        {
            var frame = samples.Slice((from + i) * channelCount, channelCount);
            double sum = 0;
            foreach (float v in frame) sum += v;
            dst[i] = (float)(sum * mixScale);
        }
    }

    /// <summary>The kept frames.</summary>
    public float[] ToArray() => _data.AsSpan(0, _length).ToArray();

    // Which of this block's frames fall in the excerpt, and where they go; grows the storage for them.
    private (int From, int To, int At) Window(int frames)
    {
        long first = Seen;
        Seen += frames;
        long from = Math.Clamp(skip - first, 0, frames), to = Math.Clamp(skip + limit - first, 0, frames);
        if (to <= from) return (0, 0, _length);
        int n = (int)(to - from);
        if ((long)_length + n > Array.MaxLength)
            throw new UserInputException($"{name}: the decoded audio does not fit in memory; read an excerpt with an offset and a duration");
        if (_length + n > _data.Length) Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(_length + n, 2L * _data.Length)));
        int at = _length;
        _length += n;
        return ((int)from, (int)to, at);
    }
}
