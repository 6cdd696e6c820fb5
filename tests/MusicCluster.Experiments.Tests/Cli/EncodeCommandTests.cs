using System.Text.Json;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;

namespace MusicCluster.Experiments.Tests.Cli;

/// <summary>A quick Easy and Medium run on a small demo corpus, shared by the encode tests.</summary>
public sealed class EncodeRunFixture : IDisposable
{
    public EncodeRunFixture()
    {
        Out = Path.Combine(Path.GetTempPath(), "mc-encode-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var task in new[] { "easy", "medium" })
        {
            var (code, o, e) = CliRunner.Run("run", task, "--quick", "--out", Out, "--set", "corpus.tracks=18", "--set", "corpus.seconds=3");
            if (code != 0) throw new InvalidOperationException($"run {task} failed ({code}): {o}\n{e}");
        }
        Corpus = Directory.GetDirectories(Path.Combine(Out, ".cache"), "demo-*").Single();
    }

    public string Out { get; }
    public string Corpus { get; }

    public string Checkpoint(string task, string name) => Path.Combine(Out, $"results_{task}", "checkpoints", $"{name}-seed42.safetensors");

    public T Stage<T>(string task, string stage) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Out, $"results_{task}", "stages", stage + ".json")), ConfigJson.Options)!;

    public void Dispose() => Directory.Delete(Out, recursive: true);
}

[Collection("Console")]
public sealed class EncodeCommandTests(EncodeRunFixture run) : IClassFixture<EncodeRunFixture>
{
    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"value {i}: expected {expected[i]}, got {actual[i]}");
    }

    private static float[] Npy(string path) => NpyFile.Read(path).Data.Select(v => (float)v).ToArray();

    [Fact]
    public void Encode_on_the_training_tracks_reproduces_the_easy_runs_vae_embedding()
    {
        using var dir = new TempDir();
        string outPath = dir.File("easy.npy");
        var (code, o, e) = CliRunner.Run("encode", "--checkpoint", run.Checkpoint("easy", "vae"), "--data", run.Corpus, "--out", outPath);
        Assert.True(code == 0, o + e);
        var expected = run.Stage<ModelRun>("easy", "train-vae-seed42").Embedding;
        Assert.Contains($"18 tracks × {expected.Cols} (Vae, easy representation vae)", o);
        var a = NpyFile.Read(outPath);
        Assert.Equal([expected.Rows, expected.Cols], a.Shape);
        AssertClose(expected.Data, a.Data.Select(v => (float)v).ToArray(), 1e-5f);
        var rows = File.ReadAllLines(outPath + ".tracks.csv");
        Assert.Equal("track_id,file", rows[0]);
        Assert.Equal(Manifest.Load(run.Corpus).Tracks.Select(t => $"{t.Id},{t.File}"), rows.Skip(1));
    }

    [Fact]
    public void Encode_then_cluster_with_the_saved_centres_reproduces_the_medium_runs_convvae_rows_and_kmeans_labels()
    {
        using var dir = new TempDir();
        string outPath = dir.File("medium.csv");
        var (code, o, e) = CliRunner.Run("encode", "--checkpoint", run.Checkpoint("medium", "convvae"), "--data", run.Corpus, "--out", outPath);
        Assert.True(code == 0, o + e);
        // The run clustered the standardised per-track μ; encode writes that same space.
        var expected = Representations.Standardise(run.Stage<ModelRun>("medium", "train-convvae-seed42").Embedding);
        var m = MatrixFile.Read(outPath);
        Assert.Equal((expected.Rows, expected.Cols), (m.Rows, m.Columns));
        AssertClose(expected.Data, m.Data, 1e-4f);
        AssertClose(expected.Data, Npy(Path.ChangeExtension(run.Checkpoint("medium", "convvae"), null) + ".embedding.npy"), 1e-6f);

        string labels = dir.File("labels.csv");
        string centres = Path.ChangeExtension(run.Checkpoint("medium", "convvae"), null) + ".centroids.npy";
        (code, o, e) = CliRunner.Run("cluster", "--centroids", centres, "--input", outPath, "--out", labels);
        Assert.True(code == 0, o + e);
        var kmeans = run.Stage<ClusterStageResult>("medium", "cluster-convvae-seed42").Labels.Single(l => l.Algorithm == "kmeans");
        Assert.Equal(kmeans.Labels, MatrixFile.ReadLabels(labels));
    }

    [Fact]
    public void Encode_of_a_folder_without_a_manifest_or_of_one_file_gives_the_same_rows_as_the_dataset()
    {
        using var dir = new TempDir();
        var tracks = Manifest.Load(run.Corpus).Tracks;
        string all = dir.File("all.npy");
        Assert.Equal(0, CliRunner.Run("encode", "--checkpoint", run.Checkpoint("medium", "convvae"), "--data", run.Corpus, "--out", all).Code);
        string folder = dir.File("plain");
        Directory.CreateDirectory(folder);
        foreach (int i in new[] { 3, 7 }) File.Copy(tracks[i].FullPath, Path.Combine(folder, Path.GetFileName(tracks[i].FullPath)));
        string two = dir.File("two.npy");
        var (code, o, e) = CliRunner.Run("encode", "--checkpoint", run.Checkpoint("medium", "convvae"), "--data", folder, "--out", two);
        Assert.True(code == 0, o + e);
        var full = NpyFile.Read(all);
        int d = full.Shape[1];
        var expected = new[] { 3, 7 }.SelectMany(i => full.Data.Skip(i * d).Take(d)).Select(v => (float)v).ToArray();
        AssertClose(expected, Npy(two), 1e-4f);
        string one = dir.File("one.npy");
        Assert.Equal(0, CliRunner.Run("encode", "--checkpoint", run.Checkpoint("medium", "convvae"), "--data", tracks[3].FullPath, "--out", one).Code);
        AssertClose(expected[..d], Npy(one), 1e-4f);
    }

    [Fact]
    public void A_corrupt_checkpoint_or_one_of_another_kind_gives_one_clear_error_line()
    {
        using var dir = new TempDir();
        string vae = run.Checkpoint("easy", "vae"), conv = run.Checkpoint("medium", "convvae");
        var bytes = File.ReadAllBytes(vae);
        string truncated = dir.Write("truncated.safetensors", bytes[..(bytes.Length / 2)]);
        string garbage = dir.Write("garbage.safetensors", "not a checkpoint at all");

        var vaeContent = SafeTensorsFile.Read<float>(vae);
        var convContent = SafeTensorsFile.Read<float>(conv);
        string Rewrite(string name, SafeTensorsContent<float> content, Dictionary<string, string> changes)
        {
            var meta = new Dictionary<string, string>(content.Metadata);
            foreach (var (k, v) in changes) meta[k] = v;
            string p = dir.File(name);
            SafeTensorsFile.Write(p, content.Tensors, meta);
            return p;
        }
        string unknownKind = Rewrite("unknown.safetensors", vaeContent, new() { ["kind"] = "Transformer" });
        // VAE weights under a conv model's kind and config: the tensors do not fit the model.
        string otherKind = Rewrite("other.safetensors", vaeContent, new() { ["kind"] = "ConvVae", ["config"] = convContent.Metadata["config"] });
        // A conv model with the Easy model's encoder metadata (spectral input).
        string wrongInput = Rewrite("input.safetensors", convContent, new() { ["musiccluster.encoder"] = vaeContent.Metadata["musiccluster.encoder"] });
        string noSpec = dir.File("nospec.safetensors");
        SafeTensorsFile.Write(noSpec, vaeContent.Tensors, vaeContent.Metadata.Where(kv => kv.Key != "musiccluster.encoder").ToDictionary());
        string badSpec = Rewrite("badspec.safetensors", vaeContent, new() { ["musiccluster.encoder"] = "{\"task\": 3" });

        foreach (var (path, message) in new[]
        {
            (truncated, "invalid safetensors file"),
            (garbage, "invalid safetensors file"),
            (unknownKind, "unknown model kind 'Transformer'"),
            (otherKind, "other.safetensors"),
            (wrongInput, "a ConvVae checkpoint cannot take spectral input"),
            (noSpec, "has no encoder metadata"),
            (badSpec, "encoder metadata is not valid"),
            (dir.File("missing.safetensors"), "no such file"),
        })
        {
            var (code, o, e) = CliRunner.Run("encode", "--checkpoint", path, "--data", run.Corpus, "--out", dir.File("x.npy"));
            Assert.Equal(2, code);
            var lines = e.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), $"{path}: {e}");
            Assert.Contains(message, lines[0]);
            Assert.Contains(Path.GetFileName(path), lines[0]);
            Assert.False(File.Exists(dir.File("x.npy")));
        }
        var (c2, _, e2) = CliRunner.Run("encode", "--checkpoint", vae, "--data", run.Corpus, "--out", dir.File("x.txt"));
        Assert.Equal(2, c2);
        Assert.Contains("--out", e2);
    }

    [Fact]
    public void Cluster_with_centroids_of_another_width_or_with_another_method_is_an_error()
    {
        using var dir = new TempDir();
        string centres = dir.Write("c.csv", "a,b,c\n0,0,0\n1,1,1\n");
        string x = dir.Write("x.csv", "a,b\n0,0\n1,1\n");
        var (code, _, e) = CliRunner.Run("cluster", "--centroids", centres, "--input", x, "--out", dir.File("l.csv"));
        Assert.Equal(2, code);
        Assert.Contains("the centres have 3 columns", e);
        (code, _, e) = CliRunner.Run("cluster", "--centroids", centres, "--method", "ward", "--input", x, "--out", dir.File("l.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--method ward", e);
        string two = dir.Write("c2.csv", "a,b\n0,0\n10,10\n");
        string pts = dir.Write("p.csv", "a,b\n1,1\n9,9\n-3,0\n6,7\n");
        (code, _, e) = CliRunner.Run("cluster", "--centroids", two, "--input", pts, "--out", dir.File("l.csv"));
        Assert.True(code == 0, e);
        Assert.Equal([0, 1, 0, 1], MatrixFile.ReadLabels(dir.File("l.csv")));
    }
}
