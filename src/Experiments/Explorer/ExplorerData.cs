using System.Globalization;
using CsvHelper;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Explorer;

/// <summary>One cluster of a representation: its size, the most frequent labels of each label set, and its purity per label set.</summary>
public sealed record ClusterSummary(int Cluster, int Size, Dictionary<string, (string Label, int Count)[]> Top, Dictionary<string, double> Purity);

/// <summary>One representation of one task as the explorer shows it: the cluster of every track and its two maps.</summary>
public sealed record ExplorerRepresentation(string Task, string Name, string Algorithm, int[] Clusters, float[] Tsne, float[] Pca, List<ClusterSummary> Summary);

/// <summary>Everything the explorer page shows, in manifest order: tracks, audio links, labels, representations.</summary>
public sealed record ExplorerData(string[] Ids, string[] AudioLinks, string[] Files, string[] FirstLyricLine, List<LabelSet> LabelSets,
    List<ExplorerRepresentation> Representations)
{
    /// <summary>How many top labels a cluster lists per label set.</summary>
    public const int TopLabels = 3;

    /// <summary>Reads <c>assignments.csv</c> of every finished results folder under <paramref name="outDir"/> for the tracks of <paramref name="data"/>.</summary>
    /// <remarks>A results folder of other tracks (an older run on other data) is left out; its task name is returned in <paramref name="skipped"/>.</remarks>
    public static ExplorerData Load(string outDir, Dataset data, out List<string> skipped)
    {
        var tracks = data.Manifest.Tracks;
        string root = Path.GetFullPath(outDir);
        var ids = tracks.Select(t => t.Id).ToArray();
        var links = tracks.Select(t => RelativeLink(root, t.FullPath)).ToArray();
        var lyric = tracks.Select(t => FirstLine(t.Lyrics)).ToArray();
        var reps = new List<ExplorerRepresentation>();
        skipped = [];
        foreach (var task in ExperimentRunner.AllTasks)
        {
            string path = Path.Combine(root, $"results_{task}", TrackAssignments.FileName);
            if (!File.Exists(path)) continue;
            var read = ReadAssignments(path, task, ids);
            if (read is null) { skipped.Add(task); continue; }
            reps.AddRange(read);
        }
        foreach (var r in reps) r.Summary.AddRange(Summarise(r.Clusters, data.LabelSets));
        return new ExplorerData(ids, links, tracks.Select(t => t.File).ToArray(), lyric, data.LabelSets, reps);
    }

    /// <summary>Size, top labels and purity (share of the most frequent label) of every cluster, noise (−1) included, by cluster id.</summary>
    public static List<ClusterSummary> Summarise(int[] clusters, IReadOnlyList<LabelSet> sets)
    {
        var result = new List<ClusterSummary>();
        foreach (var c in clusters.Distinct().Order())
        {
            var members = Enumerable.Range(0, clusters.Length).Where(i => clusters[i] == c).ToArray();
            var top = new Dictionary<string, (string, int)[]>(StringComparer.Ordinal);
            var purity = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var s in sets)
            {
                var counts = new int[s.Classes.Length];
                foreach (int i in members) counts[s.Codes[i]]++;
                var order = Enumerable.Range(0, counts.Length).Where(k => counts[k] > 0)
                    .OrderByDescending(k => counts[k]).ThenBy(k => s.Classes[k], StringComparer.Ordinal).ToArray();
                top[s.Name] = order.Take(TopLabels).Select(k => (s.Classes[k], counts[k])).ToArray();
                purity[s.Name] = (double)counts[order[0]] / members.Length;
            }
            result.Add(new ClusterSummary(c, members.Length, top, purity));
        }
        return result;
    }

    /// <summary>The first non-empty line of the lyrics, at most 120 characters.</summary>
    public static string FirstLine(string lyrics)
    {
        foreach (var line in lyrics.Split('\n'))
        {
            string t = line.Trim();
            if (t.Length > 0) return t.Length <= 120 ? t : t[..119] + "…";
        }
        return "";
    }

    /// <summary>A URL relative to the folder of the page, each path segment percent-encoded.</summary>
    public static string RelativeLink(string fromFolder, string file) =>
        string.Join('/', Path.GetRelativePath(fromFolder, file).Split(Path.DirectorySeparatorChar).Select(s => s == ".." ? s : Uri.EscapeDataString(s)));

    private static List<ExplorerRepresentation>? ReadAssignments(string path, string task, string[] ids)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true, TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        var bytes = File.ReadAllBytes(path);
        using var reader = CsvReader.Create(new ReadOnlyMemory<byte>(bytes), options);
        var header = reader.Headers.ToArray();
        // Columns come in fives per representation: REP.ALGORITHM, REP.tsne_x, REP.tsne_y, REP.pca_x, REP.pca_y.
        var starts = Enumerable.Range(0, header.Length).Where(i => i + 4 < header.Length && header[i + 1].EndsWith(".tsne_x", StringComparison.Ordinal)
            && header[i + 4].EndsWith(".pca_y", StringComparison.Ordinal)).ToArray();
        var clusters = starts.Select(_ => new int[ids.Length]).ToArray();
        var tsne = starts.Select(_ => new float[2 * ids.Length]).ToArray();
        var pca = starts.Select(_ => new float[2 * ids.Length]).ToArray();
        int row = 0;
        while (reader.Read())
        {
            if (row >= ids.Length || reader.GetString(0) != ids[row]) return null;
            for (int r = 0; r < starts.Length; r++)
            {
                int c = starts[r];
                clusters[r][row] = int.Parse(reader.GetString(c), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                tsne[r][2 * row] = Float(reader.GetString(c + 1));
                tsne[r][2 * row + 1] = Float(reader.GetString(c + 2));
                pca[r][2 * row] = Float(reader.GetString(c + 3));
                pca[r][2 * row + 1] = Float(reader.GetString(c + 4));
            }
            row++;
        }
        if (row != ids.Length) return null;
        return starts.Select((c, r) =>
        {
            string name = header[c + 1][..^".tsne_x".Length];
            return new ExplorerRepresentation(task, name, header[c][(name.Length + 1)..], clusters[r], tsne[r], pca[r], []);
        }).ToList();
    }

    private static float Float(string s) => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
