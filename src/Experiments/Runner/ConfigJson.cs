using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicCluster.Experiments.Runner;

/// <summary>The JSON conventions of config files, run.json and stage results: camelCase, indented, unknown keys rejected.</summary>
public static class ConfigJson
{
    /// <summary>Options shared by every JSON file the runner reads or writes.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Serialises with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
