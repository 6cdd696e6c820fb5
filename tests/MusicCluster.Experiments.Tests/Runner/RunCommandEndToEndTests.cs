using System.Text.Json;
using System.Text.RegularExpressions;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class RunCommandEndToEndTests
{
    private static (int Rc, string Out) Invoke(params string[] args)
    {
        var previous = Console.Out;
        var capture = new StringWriter();
        Console.SetOut(capture);
        try
        {
            return (Program.BuildRootCommand().Parse(args).Invoke(), capture.ToString());
        }
        finally { Console.SetOut(previous); }
    }

    [Fact]
    public void Run_all_quick_on_a_small_demo_corpus_writes_every_table_and_figure()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "mc-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        string[] args = ["run", "all", "--quick", "--out", outDir, "--set", "corpus.tracks=24", "--set", "corpus.seconds=3"];
        var (rc, output) = Invoke(args);
        Assert.True(rc == 0, output);
        Assert.Contains("MusicCluster results", output);
        Assert.Contains("report: ", output);

        // One seed under --quick: easy = (vae, pca) × kmeans; medium = 4 representations × 3 algorithms + 7 α values; hard = 7 × 3.
        var expectedRows = new Dictionary<string, int> { ["easy"] = 2, ["medium"] = 4 * 3 + 7, ["hard"] = 7 * 3 };
        foreach (var (task, rows) in expectedRows)
        {
            string folder = Path.Combine(outDir, $"results_{task}");
            var lines = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
            Assert.Equal(rows + 1, lines.Length);
            int columns = lines[0].Split(',').Length;
            Assert.Equal(task == "easy" ? 15 : 16, columns); // Easy runs K-Means only, so it has no eps column
            Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
            Assert.True(run.RootElement.GetProperty("config").GetProperty("quick").GetBoolean());
            Assert.Equal(24, run.RootElement.GetProperty("tracks").GetInt32());
            Assert.Contains(run.RootElement.GetProperty("stages").EnumerateArray(), s => s.GetProperty("name").GetString()!.StartsWith("train-", StringComparison.Ordinal));
            string summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
            Assert.Contains("### Best clustering per representation", summary);
            Assert.Contains("### All results", summary);
        }
        Assert.Contains("### α sweep", File.ReadAllText(Path.Combine(outDir, "results_medium", "summary.md")));
        // What a user opens after the run: per-track results in every task folder and the explorer page.
        foreach (var task in expectedRows.Keys) Assert.Equal(25, File.ReadAllLines(Path.Combine(outDir, $"results_{task}", "assignments.csv")).Length);
        Assert.Contains("id=\"explorer-data\"", File.ReadAllText(Path.Combine(outDir, "explorer.html")));

        // Every figure the report shows exists, and the report shows all the kinds the issue lists.
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        var images = Regex.Matches(report, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.All(images, p => Assert.True(File.Exists(Path.Combine(outDir, p)), p));
        foreach (var kind in new[] { "tsne_", "recon_", "loss_", "contingency_", "alpha_sweep", "kdistance_" })
            Assert.Contains(images, p => p.Contains(kind, StringComparison.Ordinal));
        Assert.Contains(images, p => p.StartsWith("results_easy/", StringComparison.Ordinal));
        Assert.Contains(images, p => p.StartsWith("results_hard/", StringComparison.Ordinal));

        // The same command again reuses everything.
        var (rc2, output2) = Invoke(args);
        Assert.Equal(0, rc2);
        Assert.True(Regex.Matches(output2, "up to date").Count >= 3, output2);
        // The up-to-date run prints the stored results, the same numbers as the run that computed them.
        static List<string> Scores(string text) => Regex.Matches(text[text.IndexOf("MusicCluster results", StringComparison.Ordinal)..], @"\d\.\d{3}( / \d\.\d{3})?").Select(m => m.Value).ToList();
        Assert.NotEmpty(Scores(output));
        Assert.Equal(Scores(output), Scores(output2));
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public void Bad_arguments_give_one_clear_error_line_and_exit_code_2()
    {
        foreach (var (args, message) in new (string[], string)[]
        {
            (["run", "everything"], "error: run: unknown task 'everything'"),
            (["run", "easy", "--data", "/nonexistent/folder"], "error: --data /nonexistent/folder: no such folder"),
            (["run", "easy", "--set", "hard.beta=-1"], "error: configuration: hard.beta must be >= 0"),
            (["config"], "error: config: nothing to do"),
            (["run", "easy", "--quick", "--data", SyntheticCollection.Write(6), "--out", Path.Combine(Path.GetTempPath(), "mc-bad-" + Guid.NewGuid().ToString("N")[..8])], "error: "),
        })
        {
            var previous = Console.Error;
            var err = new StringWriter();
            Console.SetError(err);
            int rc;
            try { rc = Program.BuildRootCommand().Parse(args).Invoke(); }
            finally { Console.SetError(previous); }
            Assert.Equal(2, rc);
            Assert.StartsWith(message, err.ToString());
            Assert.DoesNotContain("   at ", err.ToString());
            if (args.Contains("--data") && args[3] != "/nonexistent/folder") Assert.Contains(".wav", err.ToString());
        }
    }
}
