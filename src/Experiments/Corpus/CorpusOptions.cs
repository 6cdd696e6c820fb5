namespace MusicCluster.Experiments.Corpus;

/// <summary>Size and seed of the built-in demo corpus.</summary>
public sealed record CorpusOptions
{
    /// <summary>Number of tracks (spread evenly over the genres and, within each genre, over English and Bangla).</summary>
    public int Tracks { get; init; } = 120;

    /// <summary>Length of each track in seconds.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>The seed: the same seed writes the same bytes.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Sample rate of the WAV files.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Worker threads (0: one per core). The output does not depend on it.</summary>
    public int Threads { get; init; }

    internal void Validate()
    {
        if (Tracks is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(Tracks), $"--tracks must be between 1 and 100000, got {Tracks}");
        if (!(Seconds >= 0.5 && Seconds <= 600)) throw new ArgumentOutOfRangeException(nameof(Seconds), $"--seconds must be between 0.5 and 600, got {Seconds}");
        if (SampleRate is < 8000 or > 192_000) throw new ArgumentOutOfRangeException(nameof(SampleRate), $"the sample rate must be between 8000 and 192000 Hz, got {SampleRate}");
    }
}
