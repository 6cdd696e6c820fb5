using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Explorer;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Tests.Runner;
using Xunit.Abstractions;

namespace MusicCluster.Experiments.Tests.Explorer;

/// <summary>One headless chromium shared by the browser tests of this class (starting it is the slow part).</summary>
public sealed class ChromiumFixture : IDisposable
{
    internal HeadlessChromium Browser { get; } = new();

    public void Dispose() => Browser.Dispose();
}

public sealed class ExplorerBrowserTests(ChromiumFixture fixture, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private HeadlessChromium Browser => fixture.Browser;

    // Of the tracks drawn inside the canvas (200 at most tried), the one farthest from its nearest drawn neighbour, so that
    // a pointer at its centre, rounded to whole pixels, can only pick it.
    private const string IsolatedPoint = """
        (() => { const n = explorer.trackCount(), c = document.getElementById('canvas').getBoundingClientRect(), V = [];
          for (let i = 0; i < n; i++) { const p = explorer.screenPosition(i);
            if (p.x > c.left + 10 && p.x < c.right - 10 && p.y > c.top + 10 && p.y < c.bottom - 10) V.push([i, p.x, p.y]); }
          let best = -1, bestD = -1;
          for (let a = 0; a < Math.min(V.length, 200); a++) { let m = Infinity;
            for (let b = 0; b < V.length; b++) if (b !== a) { const dx = V[a][1] - V[b][1], dy = V[a][2] - V[b][2]; m = Math.min(m, dx * dx + dy * dy); }
            if (m > bestD) { bestD = m; best = a; } }
          return { i: V[best][0], x: V[best][1], y: V[best][2], d: Math.sqrt(bestD) }; })()
        """;

    private static string Select(string id, string value) =>
        $"(() => {{ const s = document.getElementById('{id}'); s.value = {JsonSerializer.Serialize(value)}; s.dispatchEvent(new Event('change')); return s.value; }})()";

    private string[] Colours() => Browser.Evaluate("Array.from({ length: explorer.trackCount() }, (_, i) => explorer.colourOf(i))")
        .EnumerateArray().Select(e => e.GetString()!).ToArray();

    private int[] Pixel(double x, double y) => Browser.Evaluate(
        $"(() => {{ const c = document.getElementById('canvas'), b = c.getBoundingClientRect(), r = c.width / b.width;" +
        $" return Array.from(c.getContext('2d').getImageData(Math.round(({x.ToString(System.Globalization.CultureInfo.InvariantCulture)} - b.left) * r), Math.round(({y.ToString(System.Globalization.CultureInfo.InvariantCulture)} - b.top) * r), 1, 1).data.slice(0, 3)); }})()")
        .EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int[] Rgb(string hex) => [Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16)];

    /// <summary>Same colour exactly when same class (fewer classes than palette colours).</summary>
    private static void AssertColouredBy(string[] colours, IReadOnlyList<string> classes)
    {
        for (int i = 0; i < colours.Length; i++)
            for (int j = 0; j < colours.Length; j++)
                Assert.True((colours[i] == colours[j]) == (classes[i] == classes[j]), $"tracks {i} and {j}: colours {colours[i]}/{colours[j]}, classes {classes[i]}/{classes[j]}");
    }

    [Fact]
    public void The_explorer_of_a_run_loads_hovers_recolours_searches_and_plays_in_a_real_browser()
    {
        const int n = 30;
        string dir = SyntheticCollection.Write(n);
        try
        {
            // Real (short) WAV files, so the audio element can load what a click points it to.
            var tone = Enumerable.Range(0, 1600).Select(i => 0.2f * MathF.Sin(i * 0.3f)).ToArray();
            foreach (var wav in Directory.GetFiles(Path.Combine(dir, "audio"))) WavWriter.Write(wav, tone, 1, 8000);
            string outDir = Path.Combine(dir, "out");
            var data = SyntheticCollection.Load(dir);
            ExperimentRunner.Run(new RunRequest(["easy", "medium"], outDir, SyntheticCollection.TinyConfig(seeds: 1), "test"), data, new RunConsole(TextWriter.Null, false));
            string page = Path.Combine(outDir, ExplorerPage.FileName);
            Assert.True(File.Exists(page));
            var clock = Stopwatch.StartNew();
            Browser.Navigate(new Uri(page).AbsoluteUri);
            output.WriteLine($"loaded in {clock.ElapsedMilliseconds} ms");

            Assert.Equal(n, Browser.Evaluate("explorer.trackCount()").GetInt32());
            Assert.Equal(n, Browser.Evaluate("explorer.drawnCount()").GetInt32());
            var reps = Browser.Evaluate("explorer.representations()").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains("easy/vae", reps);
            Assert.Contains("medium/lyrics", reps);
            Assert.Equal("easy/vae", Browser.Evaluate("explorer.representation()").GetString());

            // Coloured by cluster first: the clusters of easy/vae in assignments.csv.
            var lines = File.ReadAllLines(Path.Combine(outDir, "results_easy", TrackAssignments.FileName));
            int column = Array.IndexOf(lines[0].Split(','), "vae.kmeans");
            Assert.True(column > 0, lines[0]);
            AssertColouredBy(Colours(), lines.Skip(1).Select(l => l.Split(',')[column]).ToArray());

            // Hovering a point shows its track.
            var p = Browser.Evaluate(IsolatedPoint);
            int index = p.GetProperty("i").GetInt32();
            double x = p.GetProperty("x").GetDouble(), y = p.GetProperty("y").GetDouble();
            // Farther than two dot diameters from any other, so neither the pick nor the pixel under it can belong to a neighbour.
            Assert.True(p.GetProperty("d").GetDouble() > 8, "no isolated point to hover");
            var track = data.Manifest.Tracks[index];
            Browser.Mouse("mouseMoved", x, y);
            Browser.NextFrames();
            Assert.Equal(index, Browser.Evaluate("explorer.hovered()").GetInt32());
            Assert.False(Browser.Evaluate("document.getElementById('tooltip').hidden").GetBoolean());
            string tip = Browser.Evaluate("document.getElementById('tooltip').textContent").GetString()!;
            Assert.Contains(track.Id, tip);
            Assert.Contains(track.File, tip);
            Assert.Contains("genre: " + track.Genre, tip);
            Assert.Contains(ExplorerData.FirstLine(track.Lyrics), tip);
            Assert.Equal(Rgb(Browser.Evaluate($"explorer.colourOf({index})").GetString()!), Pixel(x, y));

            // Switching the colour to genre recolours every point by its genre, on the canvas too.
            Assert.Equal("genre", Browser.Evaluate(Select("colour", "genre")).GetString());
            Browser.NextFrames();
            Assert.Equal("genre", Browser.Evaluate("explorer.colourMode()").GetString());
            AssertColouredBy(Colours(), data.Manifest.Tracks.Select(t => t.Genre!).ToArray());
            Assert.Equal(Rgb(Browser.Evaluate($"explorer.colourOf({index})").GetString()!), Pixel(x, y));
            Assert.Equal(n, Browser.Evaluate("explorer.drawnCount()").GetInt32());

            // A click plays the track: the audio element's source is the track's file, relative to OUT.
            Browser.Mouse("mousePressed", x, y, "left", 1);
            Browser.Mouse("mouseReleased", x, y, "left", 1);
            Browser.NextFrames();
            Assert.Equal("../" + track.File, Browser.Evaluate("document.getElementById('audio').getAttribute('src')").GetString());
            Assert.Equal(new Uri(track.FullPath).AbsoluteUri, Browser.Evaluate("document.getElementById('audio').src").GetString());
            Assert.Contains(track.Id, Browser.Evaluate("document.getElementById('playing').textContent").GetString());

            // Search narrows what is shown (the rest is drawn dimmed), and the status says how many match.
            Browser.Evaluate("(() => { const s = document.getElementById('search'); s.value = 'rock'; s.dispatchEvent(new Event('input')); })()");
            Browser.NextFrames();
            int rock = data.Manifest.Tracks.Count(t => t.Genre == "rock" || t.Lyrics.Contains("rock", StringComparison.OrdinalIgnoreCase));
            Assert.StartsWith($"{rock} of {n} tracks shown", Browser.Evaluate("document.getElementById('status').textContent").GetString());
            Browser.Evaluate("(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");

            // Another representation and the PCA map draw every track as well; the cluster panel lists each cluster with its purity.
            Browser.Evaluate(Select("rep", reps.IndexOf("medium/lyrics").ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Browser.Evaluate(Select("map", "pca"));
            Browser.Evaluate(Select("colour", "cluster"));
            Browser.NextFrames();
            Assert.Equal("medium/lyrics", Browser.Evaluate("explorer.representation()").GetString());
            Assert.Equal(n, Browser.Evaluate("explorer.drawnCount()").GetInt32());
            string panel = Browser.Evaluate("document.getElementById('legend').textContent").GetString()!;
            Assert.Contains("purity", panel);
            Assert.Contains("tracks", panel);

            Browser.Evaluate(Select("map", "tsne"));
            Browser.Mouse("mouseMoved", x, y);
            Browser.NextFrames();
            string shot = Path.Combine(AppContext.BaseDirectory, "explorer-run.png");
            File.WriteAllBytes(shot, Browser.Screenshot());
            output.WriteLine($"screenshot: {shot}");
            Assert.Empty(Browser.Errors);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_hundred_thousand_tracks_are_all_drawn_and_a_hover_finds_the_right_one()
    {
        const int n = 100_000;
        var rng = new Random(5);
        string[] genres = ["ambient", "electronic", "folk", "hiphop", "jazz", "rock"];
        var genre = LabelSet.From("genre", Enumerable.Range(0, n).Select(i => genres[i % 6]).ToArray())!;
        ExplorerRepresentation Rep(string name)
        {
            var clusters = new int[n];
            var tsne = new float[2 * n];
            var pca = new float[2 * n];
            for (int i = 0; i < n; i++)
            {
                clusters[i] = (i + rng.Next(2)) % 6;
                double a = 2 * Math.PI * (i % 6) / 6, r = rng.NextDouble() * 3;
                tsne[2 * i] = (float)(10 * Math.Cos(a) + r * Math.Cos(i)); tsne[2 * i + 1] = (float)(10 * Math.Sin(a) + r * Math.Sin(i));
                pca[2 * i] = (float)rng.NextDouble(); pca[2 * i + 1] = (float)rng.NextDouble();
            }
            return new ExplorerRepresentation("hard", name, "kmeans", clusters, tsne, pca, ExplorerData.Summarise(clusters, [genre]));
        }
        var data = new ExplorerData(
            Enumerable.Range(0, n).Select(i => $"track{i:D6}").ToArray(), Enumerable.Range(0, n).Select(i => $"audio/track{i:D6}.mp3").ToArray(),
            Enumerable.Range(0, n).Select(i => $"audio/track{i:D6}.mp3").ToArray(), Enumerable.Range(0, n).Select(i => $"line {i}").ToArray(),
            [genre], [Rep("beta-vae"), Rep("hybrid")]);
        using var dir = new TempDir();
        string page = dir.File(ExplorerPage.FileName);
        ExplorerPage.Write(page, data, "100k tracks");
        output.WriteLine($"page: {new FileInfo(page).Length / 1e6:F1} MB");
        var clock = Stopwatch.StartNew();
        Browser.Navigate(new Uri(page).AbsoluteUri);
        output.WriteLine($"loaded and drawn in {clock.ElapsedMilliseconds} ms; frame {Browser.Evaluate("explorer.lastFrameMs()").GetDouble():F1} ms");
        Assert.Equal(n, Browser.Evaluate("explorer.drawnCount()").GetInt32());

        // Zoom in around one point, then hover the best isolated point in view.
        var p0 = Browser.Evaluate("explorer.screenPosition(12345)");
        for (int k = 0; k < 6; k++)
            Browser.Send("Input.dispatchMouseEvent", new { type = "mouseWheel", x = p0.GetProperty("x").GetDouble(), y = p0.GetProperty("y").GetDouble(), deltaX = 0, deltaY = -400 });
        Browser.NextFrames();
        var p = Browser.Evaluate(IsolatedPoint);
        int index = p.GetProperty("i").GetInt32();
        Assert.True(p.GetProperty("d").GetDouble() > 3, "no isolated point to hover");
        clock.Restart();
        Browser.Mouse("mouseMoved", p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble());
        Browser.NextFrames();
        output.WriteLine($"hover answered in {clock.ElapsedMilliseconds} ms (round trip included); {Browser.Evaluate("explorer.drawnCount()")} points drawn at this zoom");
        Assert.Equal(index, Browser.Evaluate("explorer.hovered()").GetInt32());
        Assert.Contains($"track{index:D6}", Browser.Evaluate("document.getElementById('tooltip').textContent").GetString());
        Assert.Equal("genre", Browser.Evaluate(Select("colour", "genre")).GetString());
        Assert.Equal("genre", Browser.Evaluate("explorer.colourMode()").GetString());
        Browser.Evaluate("document.getElementById('canvas').dispatchEvent(new MouseEvent('dblclick'))");
        Browser.NextFrames();
        Assert.Equal(n, Browser.Evaluate("explorer.drawnCount()").GetInt32());
        output.WriteLine($"full redraw of {n} points: {Browser.Evaluate("explorer.lastFrameMs()").GetDouble():F1} ms");
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "explorer-100k.png"), Browser.Screenshot());
        Assert.Empty(Browser.Errors);
    }
}
