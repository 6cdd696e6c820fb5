namespace MusicCluster.Experiments.Corpus;

/// <summary>Scales, diatonic chords and note frequencies.</summary>
internal static class MusicTheory
{
    public static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    public static readonly int[] Minor = [0, 2, 3, 5, 7, 8, 10];
    public static readonly int[] Dorian = [0, 2, 3, 5, 7, 9, 10];
    public static readonly int[] Mixolydian = [0, 2, 4, 5, 7, 9, 10];
    public static readonly int[] Phrygian = [0, 1, 3, 5, 7, 8, 10];
    public static readonly int[] Lydian = [0, 2, 4, 6, 7, 9, 11];
    public static readonly int[] HarmonicMinor = [0, 2, 3, 5, 7, 8, 11];

    public static readonly string[] NoteNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static string ScaleName(int[] scale) =>
        scale == Major ? "major" : scale == Minor ? "minor" : scale == Dorian ? "dorian" : scale == Mixolydian ? "mixolydian"
        : scale == Phrygian ? "phrygian" : scale == Lydian ? "lydian" : "harmonic minor";

    public static double Frequency(double midi) => 440.0 * Math.Pow(2, (midi - 69) / 12.0);

    /// <summary>The MIDI note of scale step <paramref name="step"/> (any integer; 7 steps make an octave) above <paramref name="tonic"/>.</summary>
    public static int Note(int tonic, int[] scale, int step)
    {
        int octave = (int)Math.Floor(step / 7.0);
        return tonic + 12 * octave + scale[step - 7 * octave];
    }

    /// <summary>A chord stacked in thirds on scale degree <paramref name="degree"/>: 3 notes a triad, 4 a seventh, 5 a ninth.</summary>
    public static int[] Chord(int tonic, int[] scale, int degree, int notes)
    {
        var c = new int[notes];
        for (int i = 0; i < notes; i++) c[i] = Note(tonic, scale, degree + 2 * i);
        return c;
    }
}
