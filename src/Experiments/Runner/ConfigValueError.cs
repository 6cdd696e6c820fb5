using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Runner;

/// <summary>Rewords a JSON conversion failure of the configuration ("could not be converted to System.Int32") as the setting, its source and the kind of value it needs.</summary>
public static class ConfigValueError
{
    /// <summary>The user error for <paramref name="e"/>; <paramref name="origins"/> maps a setting path to where it was set (a file, <c>--set …</c>).</summary>
    public static UserInputException From(JsonException e, JsonObject resolved, IReadOnlyDictionary<string, string> origins)
    {
        string jsonPath = e.Path ?? "$";
        string setting = SettingPath(jsonPath);
        if (setting.Length == 0) return new UserInputException($"configuration: {e.Message}", e);
        string source = Origin(setting, origins);
        string? value = Find(resolved, setting)?.ToJsonString();
        var property = Property(setting);
        string expected = property is null ? "a value of another kind" : Describe(property.PropertyType);
        string got = value is null ? "" : $" (got {value})";
        return new UserInputException($"{source}: {setting} must be {expected}{got}", e);
    }

    // "$.medium.channels[1]" → "medium.channels"
    private static string SettingPath(string jsonPath)
    {
        string p = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        int bracket = p.IndexOf('[');
        return bracket >= 0 ? p[..bracket] : p;
    }

    private static string Origin(string setting, IReadOnlyDictionary<string, string> origins)
    {
        for (string p = setting; p.Length > 0; p = p.Contains('.') ? p[..p.LastIndexOf('.')] : "")
            if (origins.TryGetValue(p, out var source)) return source;
        return "configuration";
    }

    private static JsonNode? Find(JsonObject root, string setting)
    {
        JsonNode? node = root;
        foreach (string part in setting.Split('.'))
        {
            if (node is not JsonObject o) return null;
            node = o.FirstOrDefault(kv => string.Equals(kv.Key, part, StringComparison.OrdinalIgnoreCase)).Value;
        }
        return node;
    }

    private static PropertyInfo? Property(string setting)
    {
        Type type = typeof(RunConfig);
        PropertyInfo? property = null;
        foreach (string part in setting.Split('.'))
        {
            property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
        }
        return property;
    }

    private static string Describe(Type type)
    {
        bool nullable = Nullable.GetUnderlyingType(type) is not null;
        string kind = type.IsArray ? $"a list of {Plural(ParseErrorLine.Expected(type.GetElementType()!))}"
            : type == typeof(string) ? "text" : ParseErrorLine.Expected(type);
        return nullable ? kind + " or null" : kind;
    }

    private static string Plural(string kind) => kind switch
    {
        "a whole number" => "whole numbers",
        "a number" => "numbers",
        _ => kind,
    };
}
