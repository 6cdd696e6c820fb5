using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>A dataset of WAV, FLAC, MP3, Ogg Vorbis and Ogg Opus tracks gives the same per-track features with the managed
/// decoders as with ffmpeg, and the decoder is part of the feature-cache key.</summary>
public class MixedFormatFeaturesTests
{
    private static TrackFeatures Extract(Manifest manifest, string decoder, FeatureCache cache) =>
        FeatureExtraction.Extract(manifest, new FeatureConfig { Decoder = decoder }, cache, new RunConsole(TextWriter.Null));

    [Fact]
    public void Managed_features_identify_every_track_of_the_ffmpeg_features_and_switching_the_decoder_recomputes()
    {
        using var dir = new TempDir();
        var manifest = MixedCorpus.Write(dir.File("data"));
        int n = manifest.Tracks.Count;
        var cache = new FeatureCache(dir.File("cache"));
        var managed = Extract(manifest, "managed", cache);
        Assert.Equal(n, cache.Misses);
        var ffmpeg = Extract(manifest, "ffmpeg", cache);
        Assert.Equal(2 * n, cache.Misses);   // another decoder is another cache key: nothing is served from the managed run
        Extract(manifest, "managed", cache);
        Assert.Equal(n, cache.Hits);

        var a = Vectors(managed);
        var b = Vectors(ffmpeg);
        var (mean, scale) = Standardisation(b);
        for (int i = 0; i < n; i++)
        {
            int nearest = -1;
            double best = double.PositiveInfinity, own = 0;
            for (int j = 0; j < n; j++)
            {
                double d = 0;
                for (int c = 0; c < mean.Length; c++)
                {
                    double x = (a[i][c] - mean[c]) * scale[c], y = (b[j][c] - mean[c]) * scale[c];
                    d += (x - y) * (x - y);
                }
                if (j == i) own = d;
                if (d < best) (best, nearest) = (d, j);
            }
            var format = MixedCorpus.Formats[i % MixedCorpus.Formats.Length];
            Assert.True(nearest == i, $"{manifest.Tracks[i].File} ({format}): nearest ffmpeg track is {manifest.Tracks[nearest].File} (distance {best:0.###} vs its own {own:0.###})");
            // WAV is read by our reader either way, and our FLAC decode is bit-identical to ffmpeg's: the same features exactly.
            if (format is AudioFormat.Wav or AudioFormat.Flac) Assert.Equal(b[i], a[i]);
        }
    }

    // [spectral statistics | descriptors] of every track.
    private static float[][] Vectors(TrackFeatures f) =>
        [.. Enumerable.Range(0, f.Spectral.Rows).Select(i => f.Spectral.Row(i).ToArray().Concat(f.Descriptors.Row(i).ToArray()).ToArray())];

    // Column means and 1/std of the reference set (constant columns get weight 0), so that no feature's unit dominates.
    private static (double[] Mean, double[] Scale) Standardisation(float[][] rows)
    {
        int d = rows[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (int c = 0; c < d; c++)
        {
            double m = rows.Average(r => (double)r[c]);
            double sd = Math.Sqrt(rows.Average(r => (r[c] - m) * (r[c] - m)));
            (mean[c], scale[c]) = (m, sd > 1e-12 ? 1 / sd : 0);
        }
        return (mean, scale);
    }

    [Fact]
    public void The_decoder_is_part_of_the_settings_key_and_a_bad_name_is_an_error_naming_the_setting()
    {
        var keys = new[] { "auto", "managed", "ffmpeg" }.Select(d => FeatureExtraction.SettingsKey(new FeatureConfig { Decoder = d })).ToArray();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(keys[1], FeatureExtraction.SettingsKey(new FeatureConfig { Decoder = "Managed" }));
        Assert.Equal("managed", ConfigLoader.Resolve(new ConfigOverrides(Decoder: "managed")).Features.Decoder);
        Assert.Equal("ffmpeg", ConfigLoader.Resolve(new ConfigOverrides(Set: ["features.decoder=ffmpeg"])).Features.Decoder);
        Assert.Equal("auto", ConfigLoader.Resolve(new ConfigOverrides()).Features.Decoder);
        var e = Assert.Throws<UserInputException>(() => ConfigLoader.Resolve(new ConfigOverrides(Decoder: "gstreamer")));
        Assert.Contains("features.decoder", e.Message);
        Assert.Contains("'gstreamer' is not managed, ffmpeg or auto", e.Message);
    }
}
