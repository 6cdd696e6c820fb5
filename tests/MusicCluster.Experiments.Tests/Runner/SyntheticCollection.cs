using System.Text;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

/// <summary>A manifest folder with placeholder audio files and synthetic features whose structure follows genre and language.</summary>
internal static class SyntheticCollection
{
    private static readonly string[] Genres = ["ambient", "rock", "folk"];
    private static readonly string[][] Words =
    [
        ["rain", "sky", "slow", "dream", "light", "cloud"],
        ["fire", "road", "loud", "night", "run", "steel"],
        ["river", "home", "field", "song", "mother", "boat"],
    ];

    /// <summary>Writes <paramref name="n"/> tracks into a new temporary folder; which optional columns exist is up to the caller.</summary>
    public static string Write(int n, bool lyrics = true, bool labels = true)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mc-runner-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "audio"));
        var sb = new StringBuilder("track_id,file");
        if (labels) sb.Append(",language,genre");
        if (lyrics) sb.Append(",lyrics");
        sb.Append("\r\n");
        var rng = new Random(3);
        for (int i = 0; i < n; i++)
        {
            string file = $"audio/t{i:D3}.wav";
            File.WriteAllBytes(Path.Combine(dir, file), [0]);
            sb.Append($"t{i:D3},{file}");
            if (labels) sb.Append(i % 2 == 0 ? ",en," : ",bn,").Append(Genres[i % 3]);
            if (lyrics)
            {
                var w = Words[i % 3];
                string lang = i % 2 == 0 ? "" : "আমি তুমি গান ";
                sb.Append(',').Append(lang).Append(string.Join(' ', Enumerable.Range(0, 8).Select(_ => w[rng.Next(w.Length)])));
            }
            sb.Append("\r\n");
        }
        File.WriteAllText(Path.Combine(dir, "tracks.csv"), sb.ToString());
        return dir;
    }

    /// <summary>The dataset of <paramref name="dir"/> with features drawn around a genre-dependent centre.</summary>
    public static Dataset Load(string dir, int h = 16, int w = 16, int patchesPerTrack = 2)
    {
        var manifest = Manifest.Load(dir);
        return new Dataset(manifest, () => Features(manifest.Tracks.Count, h, w, patchesPerTrack));
    }

    public static TrackFeatures Features(int n, int h, int w, int per)
    {
        var rng = new Random(11);
        var spectral = FeatureMatrix.Zeros(n, 12);
        var mean = FeatureMatrix.Zeros(n, h);
        var patches = new float[n * per * h * w];
        var track = new int[n * per];
        for (int i = 0; i < n; i++)
        {
            int g = i % 3;
            for (int j = 0; j < 12; j++) spectral.Data[i * 12 + j] = (float)((j % 3 == g ? 3 : 0) + rng.NextDouble());
            for (int p = 0; p < per; p++)
            {
                int idx = i * per + p;
                track[idx] = i;
                for (int m = 0; m < h; m++)
                    for (int f = 0; f < w; f++)
                        patches[(idx * h + m) * w + f] = (float)(Math.Exp(-Math.Abs(m - 4 * (g + 1)) / 2.0) * (1 + 0.3 * Math.Sin(f * (g + 1))) + 0.1 * rng.NextDouble());
            }
            for (int m = 0; m < h; m++) mean.Data[i * h + m] = patches[(i * per * h + m) * w];
        }
        var columns = MusicCluster.Experiments.Dsp.Descriptors.Columns(new MusicCluster.Experiments.Dsp.SpectralSettings());
        var descriptors = FeatureMatrix.Zeros(n, columns.Count);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < columns.Count; j++) descriptors.Data[i * columns.Count + j] = (float)((j % 3 == i % 3 ? 2 : 0) + rng.NextDouble());
        return new TrackFeatures(spectral, mean, patches, track, h, w, descriptors) { DescriptorGroups = columns.Select(c => c.Group).ToArray() };
    }

    /// <summary>A configuration small enough for tests to train in seconds.</summary>
    public static RunConfig TinyConfig(int seeds = 2)
    {
        var c = new RunConfig { Seeds = seeds };
        c.Easy.Epochs = 3;
        c.Easy.Hidden = [16];
        c.Easy.Latent = 4;
        c.Medium.Epochs = 2;
        c.Medium.Channels = [4, 8, 8];
        c.Medium.Latent = 4;
        c.Medium.Alphas = [0, 0.5, 1];
        c.Hard.Epochs = 2;
        c.Hard.Channels = [4, 8, 8];
        c.Hard.Latent = 4;
        c.Hard.PcaComponents = 4;
        c.Clustering.KMeansNInit = 2;
        c.Clustering.DbscanMinSamples = 3;
        c.Clustering.TsnePerplexity = 5;
        return c;
    }
}
