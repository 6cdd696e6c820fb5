using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>Manifests that are not read from a tracks.csv: inferred from a folder of audio, or a subset of another manifest.</summary>
public sealed partial class Manifest
{
    /// <summary>True when the tracks come from a folder scan rather than a tracks.csv (then <see cref="CsvPath"/> is the folder).</summary>
    public bool IsInferred { get; private init; }

    /// <summary>What the scan of an inferred manifest found (null for one read from tracks.csv).</summary>
    public AudioScanResult? Scan { get; private init; }

    /// <summary>
    /// Reads <c>tracks.csv</c> when <paramref name="path"/> has one; otherwise infers the manifest from the audio under the folder
    /// and sets <paramref name="note"/> to say so (null when tracks.csv was read).
    /// </summary>
    public static Manifest LoadOrInfer(string path, out string? note)
    {
        note = null;
        if (!Directory.Exists(path) || File.Exists(Path.Combine(path, FileName))) return Load(path);
        var m = Infer(path);
        string renamed = m.Tracks.Any(t => t.Id.Contains('/')) ? " (or its path without the extension where two files share a name)" : "";
        note = $"{path} has no {FileName}: using the {m.Tracks.Count} audio file(s) found under it, track_id from the file name{renamed}, " +
            $"no language, genre or lyrics; write a {FileName} (columns track_id,file,language,genre,lyrics) to add labels";
        return m;
    }

    /// <summary>The manifest of every audio file under <paramref name="folder"/> (see <see cref="AudioFolderScan"/>): no labels, no lyrics.</summary>
    /// <remarks>track_id is the file name without its extension; where two files share one, both take their relative path without the extension.</remarks>
    public static Manifest Infer(string folder)
    {
        var scan = AudioFolderScan.Scan(folder);
        if (scan.Files.Count == 0)
            throw new UserInputException($"{folder}: no {FileName} and no audio files in this folder or its sub-folders ({scan.Describe()})");
        var stems = scan.Files.Select(f => Path.GetFileNameWithoutExtension(f.RelativePath)).ToArray();
        var clashes = stems.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var tracks = new List<Track>(scan.Files.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < scan.Files.Count; i++)
        {
            var f = scan.Files[i];
            string id = clashes.Contains(stems[i]) ? StripExtension(f.RelativePath) : stems[i];
            // a.mp3 and a.wav in one folder still clash without their extensions: keep the whole relative path then.
            if (!used.Add(id)) { id = f.RelativePath; used.Add(id); }
            tracks.Add(new Track(id, f.RelativePath, f.FullPath, null, null, "", new Dictionary<string, string>(), i + 1));
        }
        return new Manifest(scan.Root, scan.Root, tracks, [], ["track_id", "file"]) { IsInferred = true, Scan = scan };
    }

    /// <summary>This manifest without the tracks at <paramref name="dropped"/> (indices into <see cref="Tracks"/>), e.g. files that could not be decoded.</summary>
    public Manifest Without(IReadOnlySet<int> dropped)
    {
        var kept = Tracks.Where((_, i) => !dropped.Contains(i)).ToList();
        return new Manifest(Folder, CsvPath, kept, MetadataColumns.ToArray(), Columns.ToArray()) { IsInferred = IsInferred, Scan = Scan };
    }

    private static string StripExtension(string relative)
    {
        string ext = Path.GetExtension(relative);
        return ext.Length > 0 ? relative[..^ext.Length] : relative;
    }
}
