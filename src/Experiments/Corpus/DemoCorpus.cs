using System.Globalization;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Corpus.Genres;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Corpus;

/// <summary>The built-in demo collection: synthetic tracks in six genres with English and Bangla lyrics, in manifest format.</summary>
/// <remarks>
/// Each track is synthesised from its own seed (derived from the corpus seed and its index), so the output is the same
/// bytes whatever the thread count. Genres are assigned round-robin and then shuffled; within a genre, tracks alternate
/// between English and Bangla. Audio is mono 16-bit PCM in <c>audio/</c>; tracks.csv is written last, so a folder with a
/// manifest is always complete.
/// </remarks>
public static class DemoCorpus
{
    /// <summary>The genre labels the corpus uses.</summary>
    public static IReadOnlyList<string> Genres { get; } = Genre.All.Select(g => g.Name).ToArray();

    /// <summary>Extra manifest columns the corpus writes.</summary>
    public static IReadOnlyList<string> MetadataColumns { get; } = ["tempo_bpm", "key"];

    /// <summary>Writes the corpus into <paramref name="folder"/> and returns its manifest as <see cref="Manifest.Load"/> reads it.</summary>
    public static Manifest Write(string folder, CorpusOptions? options = null)
    {
        var o = options ?? new CorpusOptions();
        o.Validate();
        Directory.CreateDirectory(Path.Combine(folder, "audio"));
        var plan = Plan(o);
        var rows = new ManifestWriter.Row[o.Tracks];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads > 0 ? o.Threads : Environment.ProcessorCount };
        Parallel.For(0, o.Tracks, parallel, i =>
        {
            var (genre, language) = plan[i];
            ulong seed = Rng.Derive(o.Seed, (ulong)i);
            var audio = Render(genre, seed, o, out var song);
            string file = $"audio/track_{i + 1:D4}.wav";
            WavWriter.Write(Path.Combine(folder, file), audio, 1, o.SampleRate);
            var lyricsRng = new Rng(Rng.Derive(seed, 0x1F));
            bool instrumental = genre is Ambient && lyricsRng.Chance(0.3);
            string lyrics = instrumental ? "" : LyricsGenerator.Write(ref lyricsRng, language == 0 ? Vocabulary.English : Vocabulary.Bangla, genre.Name);
            string key = $"{MusicTheory.NoteNames[song.Tonic % 12]} {MusicTheory.ScaleName(song.Scale)}";
            rows[i] = new ManifestWriter.Row($"t{i + 1:D4}", file, language == 0 ? "en" : "bn", genre.Name, lyrics,
                [song.Bpm.ToString("F1", CultureInfo.InvariantCulture), key]);
        });
        ManifestWriter.Write(Path.Combine(folder, Manifest.FileName), rows, [.. MetadataColumns]);
        return Manifest.Load(folder);
    }

    /// <summary>Genre and language (0 English, 1 Bangla) of each track: balanced, then shuffled by the seed.</summary>
    private static (Genre Genre, int Language)[] Plan(CorpusOptions o)
    {
        int g = Genre.All.Length;
        var plan = new (Genre, int)[o.Tracks];
        for (int i = 0; i < o.Tracks; i++) plan[i] = (Genre.All[i % g], i / g % 2);
        var rng = new Rng(Rng.Derive(o.Seed, ulong.MaxValue));
        for (int i = plan.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (plan[i], plan[j]) = (plan[j], plan[i]);
        }
        return plan;
    }

    /// <summary>Synthesises one track and masters it: rumble filter, dynamics, noise floor, soft clip and peak level.</summary>
    internal static float[] Render(Genre genre, ulong seed, CorpusOptions o, out Song song)
    {
        var s = new Song((int)(o.Seconds * o.SampleRate), o.SampleRate, seed);
        genre.Setup(s);
        genre.Render(s);
        var mix = s.Mix;
        Effects.HighPass(mix, 25, s.SampleRate);
        Effects.Normalize(mix, 0.5f);
        if (s.Rng.Chance(0.35))
        {
            // A crescendo or a fade-in: the level of the track changes over seconds.
            float from = s.Rng.Range(0.3, 0.8), fadeIn = s.Rng.Range(0.2, 2);
            for (int i = 0; i < mix.Length; i++)
            {
                float t = (float)i / mix.Length;
                mix[i] *= (from + (1 - from) * t) * MathF.Min(1, i / (fadeIn * s.SampleRate));
            }
        }
        float floor = MathF.Pow(10, s.Rng.Range(-70, -45) / 20);
        for (int i = 0; i < mix.Length; i++) mix[i] += floor * s.Noise.Next();
        var (dMin, dMax) = genre.MasterDrive;
        Effects.Saturate(mix, s.Rng.Range(dMin, dMax));
        var (pMin, pMax) = genre.Peak;
        Effects.Normalize(mix, s.Rng.Range(pMin, pMax));
        song = s;
        return mix;
    }
}
