using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>Which part of a file to decode: from <see cref="Offset"/> seconds, for <see cref="Duration"/> seconds (null: to the end).</summary>
internal readonly record struct AudioExcerpt(double? Offset, double? Duration)
{
    /// <summary>The first frame and the frame count at <paramref name="rate"/> Hz (rounded as for WAV).</summary>
    public (long Start, long Count) Frames(int rate) =>
        (Offset is double o ? (long)Math.Round(o * rate) : 0, Duration is double d ? (long)Math.Round(d * rate) : long.MaxValue / 4);

    /// <summary>Collects the excerpt of a stream at <paramref name="rate"/> Hz.</summary>
    public MonoAccumulator Accumulator(string name, int rate)
    {
        var (start, count) = Frames(rate);
        return new MonoAccumulator(name, start, count);
    }

    /// <summary>The kept samples; an offset past the end of the audio is an error, as for WAV.</summary>
    public float[] Finish(string name, MonoAccumulator acc, int rate)
    {
        long start = Frames(rate).Start;
        if (start > 0 && start >= acc.Seen)
            throw new UserInputException($"{name}: offset {Offset} s is past the end of the audio ({(double)acc.Seen / rate:0.###} s)");
        return acc.ToArray();
    }
}
