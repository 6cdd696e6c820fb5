using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>Per track, for one representation: the cluster of its best clustering (first seed) and its t-SNE and PCA coordinates.</summary>
/// <param name="Representation">The representation's name as in metrics.csv.</param>
/// <param name="Algorithm">The algorithm of its best clustering.</param>
/// <param name="Seed">The seed whose labels and maps these are.</param>
/// <param name="Labels">Cluster per track; −1 is DBSCAN noise.</param>
/// <param name="Tsne">n×2 row-major t-SNE coordinates.</param>
/// <param name="Pca">n×2 row-major coordinates on the first two principal components.</param>
public sealed record RepresentationMap(string Representation, string Algorithm, int Seed, int[] Labels, float[] Tsne, float[] Pca);

/// <summary>Builds the per-track results of a task and writes them as <c>assignments.csv</c>.</summary>
/// <remarks>Columns: track_id, file, the label columns the manifest has, then per representation <c>REP.ALGORITHM</c> (the cluster),
/// <c>REP.tsne_x</c>, <c>REP.tsne_y</c>, <c>REP.pca_x</c>, <c>REP.pca_y</c>. A representation name may contain dots; the suffix
/// after the last one is the column's kind.</remarks>
public static class TrackAssignments
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "assignments.csv";

    /// <summary>One map per representation the task clustered, in the order it clustered them; the best algorithm is chosen by
    /// <paramref name="primaryMetric"/> (mean over seeds), as in the summary's best-per-representation table.</summary>
    public static List<RepresentationMap> Compute(TaskContext ctx, string primaryMetric)
    {
        var maps = new List<RepresentationMap>();
        foreach (var rep in ctx.Clustered)
        {
            var groups = SeedAggregate.Group(rep.Rows);
            if (groups.Count == 0) continue;
            var best = SummaryWriter.Best(groups, primaryMetric) ?? groups[0];
            var labels = rep.Labels.Find(l => l.Algorithm == best.Algorithm && l.Seed == rep.Seed) ?? rep.Labels.Find(l => l.Algorithm == best.Algorithm)!;
            var x = rep.Matrix;
            // The task's own t-SNE figure of the same rows is the same map: reuse it rather than fit t-SNE twice.
            var figure = ctx.TsneFigures.Find(f => f.Seed == rep.Seed && f.X.Rows == x.Rows && f.X.Cols == x.Cols && f.X.Data.AsSpan().SequenceEqual(x.Data));
            var tsne = figure?.Xy ?? (x.Rows >= 3 ? TaskFigures.TsneMap(ctx, $"map-tsne-{rep.Name}-seed{rep.Seed}", x, rep.Seed) : Pad(x));
            var pca = x.Cols >= 2 && x.Rows >= 2 ? Representations.Pca(x, 2, rep.Seed) : Pad(x);
            maps.Add(new RepresentationMap(rep.Name, labels.Algorithm, labels.Seed, labels.Labels, tsne.Data, Pad2(pca)));
        }
        return maps;
    }

    /// <summary>Writes assignments.csv (RFC 4180, UTF-8) atomically.</summary>
    public static void Write(string path, Dataset data, IReadOnlyList<RepresentationMap> maps)
    {
        var tracks = data.Manifest.Tracks;
        var sets = data.LabelSets;
        var sb = new StringBuilder();
        var header = new List<string> { "track_id", "file" };
        header.AddRange(sets.Select(s => s.Name));
        foreach (var m in maps)
            header.AddRange([$"{m.Representation}.{m.Algorithm}", $"{m.Representation}.tsne_x", $"{m.Representation}.tsne_y", $"{m.Representation}.pca_x", $"{m.Representation}.pca_y"]);
        sb.AppendJoin(',', header.Select(Csv)).Append('\n');
        for (int i = 0; i < tracks.Count; i++)
        {
            sb.Append(Csv(tracks[i].Id)).Append(',').Append(Csv(tracks[i].File));
            foreach (var s in sets) sb.Append(',').Append(Csv(s.Classes[s.Codes[i]]));
            foreach (var m in maps)
                sb.Append(CultureInfo.InvariantCulture, $",{m.Labels[i]},{F(m.Tsne[2 * i])},{F(m.Tsne[2 * i + 1])},{F(m.Pca[2 * i])},{F(m.Pca[2 * i + 1])}");
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting where needed.</summary>
    public static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    // A one-column representation (or a tiny collection) has no second map axis: the missing coordinate is 0.
    private static FeatureMatrix Pad(FeatureMatrix x)
    {
        var m = FeatureMatrix.Zeros(x.Rows, 2);
        for (int i = 0; i < x.Rows; i++) m.Data[2 * i] = x.Data[i * x.Cols];
        return m;
    }

    private static float[] Pad2(FeatureMatrix x) => x.Cols == 2 ? x.Data : Pad(x).Data;
}
