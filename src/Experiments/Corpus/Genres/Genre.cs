namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>One synthetic genre: how it picks tempo, key and harmony, and how it arranges a track from the instruments.</summary>
internal abstract class Genre
{
    /// <summary>Every genre of the demo corpus, in a fixed order.</summary>
    public static readonly Genre[] All = [new Rock(), new Electronic(), new HipHop(), new Folk(), new Ambient(), new Jazz()];

    /// <summary>The genre label written to the manifest.</summary>
    public abstract string Name { get; }

    /// <summary>The range of the master peak level (linear); quieter genres leave more headroom.</summary>
    public abstract (float Min, float Max) Peak { get; }

    /// <summary>How hard the master bus is soft-clipped (1 is barely; 3 is a loud, compressed master).</summary>
    public abstract (float Min, float Max) MasterDrive { get; }

    /// <summary>Chooses tempo, swing, key, scale and chords on <paramref name="s"/>.</summary>
    public abstract void Setup(Song s);

    /// <summary>Adds every instrument of one track into <see cref="Song.Mix"/>.</summary>
    public abstract void Render(Song s);

    /// <summary>Sets a chord per bar from a progression of scale degrees, repeated over the track.</summary>
    protected static void UseProgression(Song s, int[] degrees, int notes, int octave)
    {
        s.Chords = new int[degrees.Length][];
        for (int i = 0; i < degrees.Length; i++) s.Chords[i] = MusicTheory.Chord(s.Tonic + 12 * octave, s.Scale, degrees[i], notes);
    }

    /// <summary>Sings a phrase: syllables at the given 16th steps of a bar, moving by small scale steps around <paramref name="centre"/>.</summary>
    protected static void SingPhrase(Song s, float[] target, int bar, ReadOnlySpan<double> steps, double gateSteps, int centre, float amp,
                                     int range = 5, float vibrato = 0.006f, float breath = 0.15f)
    {
        int step = s.Rng.Between(-2, 2);
        int gate = (int)(gateSteps * s.SecondsPerBeat / 4 * s.SampleRate);
        foreach (double st in steps)
        {
            step = Math.Clamp(step + s.Rng.Between(-2, 2), -range, range);
            int midi = MusicTheory.Note(centre, s.Scale, step);
            VoiceSynth.Syllable(s, target, s.At(bar, st, s.Rng.Range(-8, 8)), gate, midi, s.Rng.Next(5), amp * s.Rng.Range(0.8, 1.1), breath, vibrato);
        }
    }

    /// <summary>A saw-like harmonic series 1/k^tilt with <paramref name="count"/> partials.</summary>
    protected static float[] Harmonics(int count, float tilt)
    {
        var h = new float[count];
        for (int k = 0; k < count; k++) h[k] = 1f / MathF.Pow(k + 1, tilt);
        return h;
    }

    /// <summary>Steps of a 16-step bar, from a pattern string where 'x' marks a hit.</summary>
    protected static int[] Hits(string pattern)
    {
        var hits = new List<int>();
        for (int i = 0; i < pattern.Length; i++) if (pattern[i] == 'x') hits.Add(i);
        return hits.ToArray();
    }
}
