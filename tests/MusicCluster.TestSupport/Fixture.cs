using System.Text.Json;

namespace MusicCluster.TestSupport;

/// <summary>A JSON fixture written by a script under <c>tests/reference/</c>: named arrays, shapes and scalars.</summary>
/// <remarks>
/// Convention: a fixture is one JSON object. An array entry is either a flat list of numbers, or an object
/// <c>{"shape": [..], "data": [..]}</c> holding the row-major values. Scalars are numbers; strings are strings.
/// Files live in <c>tests/reference/fixtures/AREA/NAME.json</c> and are copied next to the test assembly
/// as <c>fixtures/AREA/NAME.json</c>.
/// </remarks>
public sealed class Fixture
{
    private readonly JsonElement _root;

    private Fixture(JsonElement root, string path) { _root = root; Path = path; }

    /// <summary>Where the fixture was read from.</summary>
    public string Path { get; }

    /// <summary>Loads <c>fixtures/{relativePath}</c> from beside the test assembly.</summary>
    public static Fixture Load(string relativePath)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"fixture not found: {path} (run the script under tests/reference/)", path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return new Fixture(doc.RootElement.Clone(), path);
    }

    /// <summary>Every fixture file in <c>fixtures/{area}</c>, by file name without extension.</summary>
    public static IEnumerable<string> List(string area)
    {
        string dir = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", area);
        return Directory.EnumerateFiles(dir, "*.json").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);
    }

    /// <summary>The raw JSON root, for anything the helpers below do not cover.</summary>
    public JsonElement Root => _root;

    /// <summary>Whether the fixture has an entry of that name.</summary>
    public bool Has(string name) => _root.TryGetProperty(name, out _);

    /// <summary>A nested object as its own fixture (same path).</summary>
    public Fixture Child(string name) => new(Get(name), Path);

    /// <summary>A number.</summary>
    public double Scalar(string name) => Get(name).GetDouble();

    /// <summary>A string.</summary>
    public string String(string name) => Get(name).GetString() ?? "";

    /// <summary>The values of an array entry, row-major, as float64.</summary>
    public double[] Doubles(string name)
    {
        var e = Get(name);
        if (e.ValueKind == JsonValueKind.Object) e = e.GetProperty("data");
        var result = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var v in e.EnumerateArray()) result[i++] = ReadNumber(v);
        return result;
    }

    /// <summary>The values of an array entry as float32.</summary>
    public float[] Floats(string name) => Array.ConvertAll(Doubles(name), d => (float)d);

    /// <summary>The values of an array entry as integers.</summary>
    public int[] Ints(string name) => Array.ConvertAll(Doubles(name), d => checked((int)d));

    /// <summary>The shape of an array entry (a flat list has shape [length]).</summary>
    public int[] Shape(string name)
    {
        var e = Get(name);
        if (e.ValueKind == JsonValueKind.Object) return e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        return [e.GetArrayLength()];
    }

    private JsonElement Get(string name)
        => _root.TryGetProperty(name, out var e) ? e : throw new KeyNotFoundException($"fixture {Path} has no entry '{name}'");

    // JSON has no NaN/Infinity: scripts write them as the strings "nan", "inf", "-inf".
    private static double ReadNumber(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"not a number: {s}"),
        },
        JsonValueKind.True => 1, JsonValueKind.False => 0,
        _ => throw new FormatException($"not a number: {v}"),
    };
}
