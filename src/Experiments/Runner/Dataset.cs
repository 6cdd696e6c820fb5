using System.Security.Cryptography;
using System.Text;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>The collection a run clusters: manifest, reference labels, lyrics, and (lazily) the audio features.</summary>
public sealed class Dataset
{
    private readonly Func<TrackFeatures> _extract;
    private TrackFeatures? _features;

    /// <summary>Wraps a loaded manifest; <paramref name="extract"/> computes the audio features on first use; <paramref name="skipped"/>
    /// lists files of the original manifest left out because they could not be decoded (<c>--skip-bad-files</c>).</summary>
    public Dataset(Manifest manifest, Func<TrackFeatures> extract, IReadOnlyList<BadFile>? skipped = null)
    {
        SkippedFiles = skipped ?? [];
        Manifest = manifest;
        _extract = extract;
        var tracks = manifest.Tracks;
        Language = manifest.HasLanguage ? LabelSet.From("language", tracks.Select(t => t.Language).ToList()) : null;
        Genre = manifest.HasGenre ? LabelSet.From("genre", tracks.Select(t => t.Genre).ToList()) : null;
        Lyrics = manifest.HasLyrics && tracks.Any(t => !string.IsNullOrWhiteSpace(t.Lyrics)) ? tracks.Select(t => t.Lyrics).ToArray() : null;
        Fingerprint = ComputeFingerprint(manifest, SkippedFiles);
    }

    /// <summary>Files left out because they could not be decoded (empty unless <c>--skip-bad-files</c> was given).</summary>
    public IReadOnlyList<BadFile> SkippedFiles { get; }

    public Manifest Manifest { get; }

    /// <summary>Number of tracks.</summary>
    public int Count => Manifest.Tracks.Count;

    /// <summary>Language labels, or null when the manifest has none.</summary>
    public LabelSet? Language { get; }

    /// <summary>Genre labels, or null when the manifest has none.</summary>
    public LabelSet? Genre { get; }

    /// <summary>Lyrics per track, or null when the manifest has no lyrics at all.</summary>
    public string[]? Lyrics { get; }

    /// <summary>The label sets present, language first.</summary>
    public List<LabelSet> LabelSets => new[] { Language, Genre }.OfType<LabelSet>().ToList();

    /// <summary>Hash of tracks.csv and the size and time of every audio file: changes when the data does.</summary>
    public string Fingerprint { get; }

    /// <summary>The audio features (extracted once per process; the feature cache makes later processes fast).</summary>
    public TrackFeatures Features => _features ??= _extract();

    /// <summary>True once the features were extracted in this process.</summary>
    public bool FeaturesLoaded => _features is not null;

    private static string ComputeFingerprint(Manifest m, IReadOnlyList<BadFile> skipped)
    {
        var sb = new StringBuilder();
        // An inferred manifest has no tracks.csv: its file list below is all there is.
        sb.Append(m.IsInferred ? "inferred" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(m.CsvPath)))).Append('\n');
        // A skipped file that is repaired must make the next run recompute, so its size and time count too.
        foreach (var b in skipped)
        {
            var info = new FileInfo(b.FullPath);
            sb.Append("skipped|").Append(b.File).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }
        foreach (var t in m.Tracks)
        {
            var info = new FileInfo(t.FullPath);
            sb.Append(t.Id).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
