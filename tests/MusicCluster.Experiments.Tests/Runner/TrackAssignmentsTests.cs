using System.Globalization;
using System.Text.Json;
using MusicCluster.Experiments.Explorer;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class TrackAssignmentsTests
{
    private static T Stage<T>(string folder, string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(folder, "stages", name + ".json")), ConfigJson.Options)!;

    [Fact]
    public void Assignments_csv_has_every_track_with_its_labels_and_per_representation_the_best_clustering_and_both_maps()
    {
        string dir = SyntheticCollection.Write(24);
        try
        {
            string outDir = Path.Combine(dir, "out");
            var data = SyntheticCollection.Load(dir);
            ExperimentRunner.Run(new RunRequest(["hard"], outDir, SyntheticCollection.TinyConfig(seeds: 2), "test"), data, new RunConsole(TextWriter.Null, false));
            string folder = Path.Combine(outDir, "results_hard");
            var lines = File.ReadAllLines(Path.Combine(folder, TrackAssignments.FileName));
            var header = lines[0].Split(',');
            Assert.Equal(["track_id", "file", "language", "genre"], header[..4]);
            Assert.Equal(1 + 24, lines.Length);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
            Assert.Equal(data.Manifest.Tracks.Select(t => (t.Id, t.File, t.Language, t.Genre)), rows.Select(r => (r[0], r[1], (string?)r[2], (string?)r[3])));

            // Every representation of metrics.csv, each with the algorithm of the best mean ARI against genre (the Hard primary metric).
            var metrics = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
            var mh = metrics[0].Split(',');
            int ari = Array.IndexOf(mh, "ari_genre");
            var best = metrics.Skip(1).Select(l => l.Split(',')).GroupBy(c => c[1])
                .ToDictionary(g => g.Key, g => g.GroupBy(c => c[2]).MaxBy(a => a.Average(c => double.Parse(c[ari], CultureInfo.InvariantCulture)))!.Key);
            Assert.Equal(7, best.Count);
            Assert.Equal(4 + 5 * best.Count, header.Length);
            foreach (var (rep, algorithm) in best)
            {
                int c = Array.IndexOf(header, $"{rep}.{algorithm}");
                Assert.True(c > 0, $"{rep}: no column {rep}.{algorithm} in {lines[0]}");
                Assert.Equal([$"{rep}.tsne_x", $"{rep}.tsne_y", $"{rep}.pca_x", $"{rep}.pca_y"], header[(c + 1)..(c + 5)]);
                string stageName = string.Concat($"cluster-{rep}-seed42".Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
                var labels = Stage<ClusterStageResult>(folder, stageName).Labels.Single(l => l.Algorithm == algorithm).Labels;
                Assert.Equal(labels, rows.Select(r => int.Parse(r[c], CultureInfo.InvariantCulture)));
                // PCA axes come in order of explained variance.
                double Var(int col) { var v = rows.Select(r => double.Parse(r[col], CultureInfo.InvariantCulture)).ToArray(); double m = v.Average(); return v.Sum(x => (x - m) * (x - m)); }
                Assert.True(Var(c + 3) >= Var(c + 4) * (1 - 1e-5), rep);
            }
            // The Beta-VAE map is the task's own t-SNE (the figure's stage); the cluster-coloured figure exists.
            var tsne = Stage<FeatureMatrix>(folder, "tsne-beta-vae-seed42");
            int bx = Array.IndexOf(header, "beta-vae.tsne_x");
            for (int i = 0; i < 24; i++)
            {
                Assert.Equal(tsne.Data[2 * i], float.Parse(rows[i][bx], CultureInfo.InvariantCulture));
                Assert.Equal(tsne.Data[2 * i + 1], float.Parse(rows[i][bx + 1], CultureInfo.InvariantCulture));
            }
            Assert.True(File.Exists(Path.Combine(folder, "figures", "tsne_beta-vae_cluster.png")));
            Assert.Contains("tsne_autoencoder_cluster.png", File.ReadAllText(Path.Combine(folder, "summary.md")));
            // Each model checkpoint has the representation it gave and the K-Means centres beside it.
            foreach (var model in new[] { "betavae", "autoencoder" })
                foreach (var suffix in new[] { ".embedding.npy", ".centroids.npy" })
                    Assert.True(File.Exists(Path.Combine(folder, "checkpoints", $"{model}-seed42{suffix}")), model + suffix);

            // The explorer page is written beside the results and reads them back.
            var explorer = ExplorerData.Load(outDir, data, out var skipped);
            Assert.Empty(skipped);
            Assert.Equal(best.Keys.Order(), explorer.Representations.Select(r => r.Name).Order());
            Assert.True(File.Exists(Path.Combine(outDir, ExplorerPage.FileName)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Cluster_summaries_give_size_top_labels_and_purity_with_noise_listed_first()
    {
        var genre = LabelSet.From("genre", ["rock", "rock", "jazz", "rock", "folk", "jazz", "jazz"])!;
        var s = ExplorerData.Summarise([0, 0, 0, 1, 1, -1, 1], [genre]);
        Assert.Equal([-1, 0, 1], s.Select(c => c.Cluster));
        Assert.Equal([1, 3, 3], s.Select(c => c.Size));
        Assert.Equal([("rock", 2), ("jazz", 1)], s[1].Top["genre"]);
        Assert.Equal(2.0 / 3, s[1].Purity["genre"], 12);
        // A three-way tie is broken by name.
        Assert.Equal([("folk", 1), ("jazz", 1), ("rock", 1)], s[2].Top["genre"]);
        Assert.Equal(1.0, s[0].Purity["genre"]);
    }

    [Fact]
    public void Audio_links_are_relative_to_the_page_and_percent_encoded_and_the_page_escapes_script_text()
    {
        Assert.Equal("../data/my%20songs/caf%C3%A9%20%231.mp3", ExplorerData.RelativeLink("/x/out", "/x/data/my songs/café #1.mp3"));
        Assert.Equal(".cache/demo/audio/t.wav", ExplorerData.RelativeLink("/x/out", "/x/out/.cache/demo/audio/t.wav"));
        Assert.Equal("first", ExplorerData.FirstLine("\n  \nfirst\nsecond"));
        var data = new ExplorerData(["</script><b>{{DATA}}"], ["a.wav"], ["a.wav"], [""], [], []);
        string html = ExplorerPage.Render(data, "t <x>");
        Assert.DoesNotContain("</script><b>", html);
        Assert.Contains("\\u003C/script\\u003E\\u003Cb\\u003E{{DATA}}", html);
        Assert.Contains("<title>t &lt;x&gt;</title>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", html);
    }
}
