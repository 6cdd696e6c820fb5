using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MusicCluster.Experiments.Runner;

/// <summary>The identity of a task's results: the settings it reads and the data. Equal hashes mean a folder can be reused or resumed.</summary>
public static class TaskHash
{
    /// <summary>SHA-256 (16 hex digits) over the shared settings, the task's own section, and the data fingerprint.</summary>
    public static string Of(string task, RunConfig config, string dataFingerprint)
    {
        var all = System.Text.Json.JsonSerializer.SerializeToNode(config, ConfigJson.Options)!.AsObject();
        var part = new JsonObject();
        foreach (var key in new[] { "seed", "seeds", "device", "features", "lyrics", "clustering", task })
            part[key] = all[key]?.DeepClone();
        part["data"] = dataFingerprint;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(part.ToJsonString())))[..16];
    }
}
