namespace MusicCluster.Experiments.Corpus;

/// <summary>The state of one track being synthesised: its buffer, clock, key and chord per bar.</summary>
internal sealed class Song
{
    private readonly float[] _scratch;

    public Song(int samples, int sampleRate, ulong seed)
    {
        Mix = new float[samples];
        _scratch = new float[samples + sampleRate * 4];
        SampleRate = sampleRate;
        Rng = new Rng(seed);
        Noise = new Noise((uint)(seed ^ (seed >> 32)));
    }

    public float[] Mix { get; }
    public int SampleRate { get; }
    public Rng Rng;
    public Noise Noise;

    public double Bpm { get; set; } = 120;

    /// <summary>Where the off-beat of each swung pair falls, as a fraction of the pair: 0.5 is straight, 2/3 a triplet feel.</summary>
    public double Swing { get; set; } = 0.5;

    /// <summary>Whether swing applies to 8th notes (jazz) or 16th notes (hip-hop).</summary>
    public bool SwingSixteenths { get; set; }

    public int Tonic { get; set; } = 57;
    public int[] Scale { get; set; } = MusicTheory.Minor;

    /// <summary>The chord (MIDI notes) under each bar.</summary>
    public int[][] Chords { get; set; } = [];

    public double SecondsPerBeat => 60.0 / Bpm;
    public int SamplesPerBeat => (int)(SecondsPerBeat * SampleRate);
    public int Bars => (int)Math.Ceiling(Mix.Length / (4 * SecondsPerBeat * SampleRate));

    public int[] ChordAt(int bar) => Chords[bar % Chords.Length];

    /// <summary>The sample where 16th-note step <paramref name="step"/> of bar <paramref name="bar"/> falls, swung, plus jitter in ms.</summary>
    public int At(int bar, double step, double jitterMs = 0)
    {
        double sixteenth = SecondsPerBeat / 4;
        double unit = SwingSixteenths ? 1 : 2; // steps in half a swung pair
        double pair = Math.Floor(step / (2 * unit));
        double within = step - pair * 2 * unit;
        double swung = within < unit ? within / unit * Swing * 2 * unit : Swing * 2 * unit + (within - unit) / unit * (1 - Swing) * 2 * unit;
        double seconds = (bar * 16 + pair * 2 * unit + swung) * sixteenth + jitterMs / 1000.0;
        return (int)Math.Max(0, seconds * SampleRate);
    }

    public int Samples(double seconds) => (int)(seconds * SampleRate);

    /// <summary>A zeroed scratch span for one note's envelope or signal (valid until the next call).</summary>
    public Span<float> Scratch(int length)
    {
        var s = _scratch.AsSpan(0, Math.Min(length, _scratch.Length));
        s.Clear();
        return s;
    }

    /// <summary>How many samples of a note starting at <paramref name="at"/> fit in the track.</summary>
    public int Fit(int at, int length) => Math.Max(0, Math.Min(length, Mix.Length - at));
}
