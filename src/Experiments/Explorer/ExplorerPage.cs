using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Explorer;

/// <summary>Writes <c>OUT/explorer.html</c>: one offline page (our own inline JS and CSS) with the data as compact base64 arrays.</summary>
/// <remarks>Coordinates are quantised to 16 bits over each map's bounding box and clusters stored as int32, so a 100k-track
/// collection stays a few megabytes per representation and decodes in milliseconds.</remarks>
public static class ExplorerPage
{
    /// <summary>The page's file name in the output folder.</summary>
    public const string FileName = "explorer.html";

    /// <summary>Renders the page and writes it atomically.</summary>
    public static void Write(string path, ExplorerData data, string title) => AtomicFile.WriteAllText(path, Render(data, title));

    /// <summary>The page's HTML.</summary>
    public static string Render(ExplorerData data, string title)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = System.Net.WebUtility.HtmlEncode(title),
            ["STYLE"] = Resource("explorer.css"),
            ["SCRIPT"] = Resource("explorer.js"),
            ["DATA"] = Json(data, title),
        };
        // One pass over the template, so nothing inserted (a track id with braces) is ever read as a placeholder.
        string template = Resource("explorer.html");
        var sb = new StringBuilder(template.Length + values.Values.Sum(v => v.Length));
        int at = 0;
        while (true)
        {
            int open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            int close = template.IndexOf("}}", open, StringComparison.Ordinal);
            sb.Append(template, at, open - at);
            sb.Append(values[template[(open + 2)..close]]);
            at = close + 2;
        }
        sb.Append(template, at, template.Length - at);
        return sb.ToString();
    }

    /// <summary>The data as JSON that is safe inside a script element (&lt;, &gt;, &amp; and quotes escaped).</summary>
    public static string Json(ExplorerData d, string title)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteNumber("tracks", d.Ids.Length);
            Strings(w, "ids", d.Ids);
            Strings(w, "audio", d.AudioLinks);
            Strings(w, "files", d.Files);
            Strings(w, "lyric", d.FirstLyricLine);
            w.WriteStartArray("labelSets");
            foreach (var s in d.LabelSets)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                Strings(w, "classes", s.Classes);
                var codes = new byte[2 * s.Codes.Length];
                for (int i = 0; i < s.Codes.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(codes.AsSpan(2 * i), checked((ushort)s.Codes[i]));
                w.WriteBase64String("codes", codes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("reps");
            foreach (var r in d.Representations)
            {
                w.WriteStartObject();
                w.WriteString("task", r.Task);
                w.WriteString("name", r.Name);
                w.WriteString("algorithm", r.Algorithm);
                var clusters = new byte[4 * r.Clusters.Length];
                for (int i = 0; i < r.Clusters.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(clusters.AsSpan(4 * i), r.Clusters[i]);
                w.WriteBase64String("clusters", clusters);
                Map(w, "tsne", r.Tsne);
                Map(w, "pca", r.Pca);
                w.WriteStartArray("summary");
                foreach (var c in r.Summary)
                {
                    w.WriteStartObject();
                    w.WriteNumber("cluster", c.Cluster);
                    w.WriteNumber("size", c.Size);
                    w.WriteStartObject("top");
                    foreach (var (set, top) in c.Top)
                    {
                        w.WriteStartArray(set);
                        foreach (var (label, count) in top) { w.WriteStartArray(); w.WriteStringValue(label); w.WriteNumberValue(count); w.WriteEndArray(); }
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                    w.WriteStartObject("purity");
                    foreach (var (set, p) in c.Purity) w.WriteNumber(set, Math.Round(p, 4));
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>An n×2 map as {min: [x, y], max: [x, y], q: base64 uint16 pairs}: value = min + q / 65535 · (max − min).</summary>
    private static void Map(Utf8JsonWriter w, string name, float[] xy)
    {
        float minX = float.PositiveInfinity, minY = float.PositiveInfinity, maxX = float.NegativeInfinity, maxY = float.NegativeInfinity;
        for (int i = 0; i < xy.Length; i += 2)
        {
            minX = Math.Min(minX, xy[i]); maxX = Math.Max(maxX, xy[i]);
            minY = Math.Min(minY, xy[i + 1]); maxY = Math.Max(maxY, xy[i + 1]);
        }
        if (xy.Length == 0) minX = minY = maxX = maxY = 0;
        double rx = maxX > minX ? maxX - minX : 1, ry = maxY > minY ? maxY - minY : 1;
        var q = new byte[xy.Length * 2];
        for (int i = 0; i < xy.Length; i += 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(q.AsSpan(2 * i), (ushort)Math.Round((xy[i] - minX) / rx * 65535));
            BinaryPrimitives.WriteUInt16LittleEndian(q.AsSpan(2 * i + 2), (ushort)Math.Round((xy[i + 1] - minY) / ry * 65535));
        }
        w.WriteStartObject(name);
        w.WriteStartArray("min"); w.WriteNumberValue(minX); w.WriteNumberValue(minY); w.WriteEndArray();
        w.WriteStartArray("max"); w.WriteNumberValue(minX + rx); w.WriteNumberValue(minY + ry); w.WriteEndArray();
        w.WriteBase64String("q", q);
        w.WriteEndObject();
    }

    private static string Resource(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream($"MusicCluster.Experiments.Explorer.{name}")
            ?? throw new InvalidOperationException($"the explorer's {name} is not embedded in the assembly");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }
}
