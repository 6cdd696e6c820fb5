using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Runner;

/// <summary>Command-line values that override the configuration (null = not given).</summary>
public sealed record ConfigOverrides(
    string? ConfigFile = null, int? Seed = null, int? Seeds = null, int? Epochs = null, string? Device = null,
    bool Quick = false, IReadOnlyList<string>? Set = null, string? K = null, string? Decoder = null);

/// <summary>Resolves the configuration: defaults, then the quick profile, then the JSON file, then the options, then <c>--set</c>.</summary>
public static class ConfigLoader
{
    /// <summary>Builds the resolved configuration; bad files or values throw <see cref="UserInputException"/> naming them.</summary>
    public static RunConfig Resolve(ConfigOverrides o)
    {
        var node = JsonSerializer.SerializeToNode(new RunConfig(), ConfigJson.Options)!.AsObject();
        var origins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (o.Quick) Merge(node, QuickProfile(), "--quick");
        if (o.ConfigFile is not null) Merge(node, ReadFile(o.ConfigFile), o.ConfigFile, origins: origins);
        if (o.Seed is { } seed) node["seed"] = seed;
        if (o.Seeds is { } seeds) node["seeds"] = seeds;
        if (o.Device is { } device) node["device"] = device;
        if (o.Decoder is { } decoder) node["features"]!["decoder"] = decoder;
        if (o.Epochs is { } epochs)
            foreach (var task in new[] { "easy", "medium", "hard" }) node[task]!["epochs"] = epochs;
        if (o.K is { } k) ApplyK(node["clustering"]!.AsObject(), k);
        foreach (var assignment in o.Set ?? []) ApplySet(node, assignment, origins);
        RunConfig config;
        try
        {
            config = node.Deserialize<RunConfig>(ConfigJson.Options)!;
        }
        catch (JsonException e)
        {
            throw ConfigValueError.From(e, node, origins);
        }
        try
        {
            ConfigValidator.Validate(config);
        }
        catch (UserInputException e) when (FileOrigin(e.Message, origins) is { } file)
        {
            // A value out of range that came from a config file: name the file, as every other error about it does.
            throw new UserInputException($"{file}: {e.Message["configuration: ".Length..]}", e);
        }
        return config;
    }

    private static string? FileOrigin(string message, Dictionary<string, string> origins)
    {
        const string prefix = "configuration: ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return null;
        int space = message.IndexOf(' ', prefix.Length);
        string setting = space < 0 ? message[prefix.Length..] : message[prefix.Length..space];
        return origins.TryGetValue(setting, out var origin) && origin.StartsWith("config file ", StringComparison.Ordinal) ? origin : null;
    }

    /// <summary>Few epochs, one seed and a small demo corpus: the whole run in well under a minute.</summary>
    public static JsonObject QuickProfile() => new()
    {
        ["quick"] = true,
        ["seeds"] = 1,
        ["corpus"] = new JsonObject { ["tracks"] = 40, ["seconds"] = 4 },
        ["features"] = new JsonObject { ["maxPatchesPerTrack"] = 2 },
        ["easy"] = new JsonObject { ["epochs"] = 10 },
        ["medium"] = new JsonObject { ["epochs"] = 2, ["channels"] = new JsonArray(8, 16, 32) },
        ["hard"] = new JsonObject { ["epochs"] = 2, ["channels"] = new JsonArray(8, 16, 32) },
        ["clustering"] = new JsonObject { ["kMeansNInit"] = 3 },
    };

    private static JsonObject ReadFile(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"config file {path} does not exist");
        try
        {
            var parsed = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = parsed as JsonObject ?? throw new UserInputException($"config file {path}: the top level must be a JSON object");
            CheckUniqueKeys(root, path, "");
            return root;
        }
        catch (JsonException e)
        {
            throw new UserInputException($"config file {path}: {e.Message}");
        }
    }

    // JsonObject fills its dictionary lazily and throws ArgumentException on a repeated key at first use: find it here instead.
    private static void CheckUniqueKeys(JsonNode? node, string path, string where)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) CheckUniqueKeys(item, path, where);
            return;
        }
        if (node is not JsonObject obj) return;
        try { _ = obj.Count; }
        catch (ArgumentException)
        {
            throw new UserInputException($"config file {path}: a key appears twice{(where.Length > 0 ? $" in '{where}'" : "")}");
        }
        foreach (var (key, value) in obj) CheckUniqueKeys(value, path, where.Length > 0 ? $"{where}.{key}" : key);
    }

    /// <summary>Deep-merges <paramref name="patch"/> into <paramref name="target"/>; keys must exist in the defaults.</summary>
    private static void Merge(JsonObject target, JsonObject patch, string source, string prefix = "", Dictionary<string, string>? origins = null)
    {
        foreach (var (key, value) in patch.ToList())
        {
            string path = prefix + key;
            string? existing = FindKey(target, key);
            if (existing is null) throw new UserInputException($"{source}: unknown setting '{path}' (see `musiccluster config --print`)");
            if (value is JsonObject sub && target[existing] is JsonObject into) Merge(into, sub, source, path + ".", origins);
            else
            {
                target[existing] = value?.DeepClone();
                if (origins is not null) origins[path] = $"config file {source}";
            }
        }
    }

    // --k auto turns the silhouette sweep on; a number fixes k and turns it off.
    private static void ApplyK(JsonObject clustering, string text)
    {
        text = text.Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            clustering["k"] = null;
            clustering["autoK"] = true;
        }
        else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 2)
        {
            clustering["k"] = k;
            clustering["autoK"] = false;
        }
        else throw new UserInputException($"--k must be a whole number of clusters of at least 2, or auto (got '{text}')");
    }

    private static void ApplySet(JsonObject root, string assignment, Dictionary<string, string> origins)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new UserInputException($"--set '{assignment}': expected path=value, e.g. hard.beta=4");
        string path = assignment[..eq].Trim(), text = assignment[(eq + 1)..].Trim();
        string[] parts = path.Split('.');
        JsonObject node = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            string? key = FindKey(node, parts[i]);
            node = (key is null ? null : node[key] as JsonObject)
                ?? throw new UserInputException($"--set {path}: unknown section '{string.Join('.', parts[..(i + 1)])}' (see `musiccluster config --print`)");
        }
        string? leaf = FindKey(node, parts[^1]) ?? throw new UserInputException($"--set {path}: unknown setting (see `musiccluster config --print`)");
        node[leaf] = ParseValue(text, path);
        origins[path] = $"--set {assignment}";
    }

    private static JsonNode? ParseValue(string text, string path)
    {
        if (text is "null") return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // A bare word such as gpu: take it as a string.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw new UserInputException($"--set {path}: cannot read '{text}'");
            return JsonValue.Create(text);
        }
    }

    private static string? FindKey(JsonObject node, string key)
    {
        foreach (var (k, _) in node) if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return k;
        return null;
    }
}
