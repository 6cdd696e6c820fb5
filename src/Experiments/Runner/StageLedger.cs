using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>One finished stage: its name, how long it took, when it finished, and the SHA-256 of its stored result.</summary>
public sealed record StageRecord(string Name, double Seconds, DateTime FinishedUtc, string? Sha256 = null);

/// <summary>The finished stages of one task folder (<c>stages.json</c>); a restarted run skips what is listed here.</summary>
/// <remarks>A stage's result is stored next to the ledger (<c>stages/NAME.json</c>) before the stage is listed, so a listed stage can always be reloaded.
/// The ledger carries a whole-file checksum and lists each result's SHA-256: a damaged ledger or result is recomputed with a warning, never trusted.</remarks>
public sealed class StageLedger
{
    private const string FileName = "stages.json";
    private string _folder = "";

    /// <summary>Hash of the configuration and data the stages were computed for.</summary>
    public string ConfigHash { get; set; } = "";

    /// <summary>True once every stage ran and the reports were written.</summary>
    public bool Complete { get; set; }

    /// <summary>Finished stages in the order they finished.</summary>
    public List<StageRecord> Stages { get; set; } = [];

    /// <summary>Stages that were loaded from an earlier run in this process instead of being computed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HashSet<string> ReusedThisRun { get; } = new(StringComparer.Ordinal);

    /// <summary>Receives a line when a stored stage result is damaged and is computed again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Action<string>? Warn { get; set; }

    /// <summary>A new, empty ledger stored in <paramref name="folder"/>.</summary>
    public static StageLedger Create(string folder, string configHash, Action<string>? warn = null)
    {
        var ledger = new StageLedger { _folder = folder, ConfigHash = configHash, Warn = warn };
        ledger.Save();
        return ledger;
    }

    /// <summary>The ledger stored in <paramref name="folder"/>, or null when there is none or it fails its checksum (then <paramref name="warn"/> hears why).</summary>
    public static StageLedger? TryLoad(string folder, Action<string>? warn = null)
    {
        string path = Path.Combine(folder, FileName);
        var ledger = SealedJson.TryRead<StageLedger>(path, out string? problem);
        if (problem is not null)
        {
            // A foreign, torn or damaged ledger: start over rather than trust it.
            warn?.Invoke($"{path} {problem}; its stages are computed again");
            return null;
        }
        if (ledger is null) return null;
        ledger._folder = folder;
        ledger.Warn = warn;
        return ledger;
    }

    /// <summary>True when <paramref name="name"/> is recorded as finished.</summary>
    public bool IsDone(string name) => Stages.Exists(s => s.Name == name);

    /// <summary>Runs <paramref name="compute"/> unless the stage is already finished, in which case its stored result is returned.</summary>
    public T Run<T>(string name, Func<T> compute)
    {
        string resultPath = ResultPath(name);
        if (Stages.Find(s => s.Name == name) is { } done && TryReuse(done, resultPath, out T? stored))
        {
            ReusedThisRun.Add(name);
            return stored!;
        }
        Stages.RemoveAll(s => s.Name == name);
        var clock = Stopwatch.StartNew();
        T result = compute();
        double seconds = clock.Elapsed.TotalSeconds;
        Directory.CreateDirectory(Path.GetDirectoryName(resultPath)!);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(ConfigJson.Serialize(result));
        AtomicFile.WriteAllBytes(resultPath, bytes);
        Stages.Add(new StageRecord(name, seconds, DateTime.UtcNow, Sha256(bytes)));
        Save();
        return result;
    }

    private bool TryReuse<T>(StageRecord record, string resultPath, out T? stored)
    {
        stored = default;
        if (!File.Exists(resultPath))
        {
            Warn?.Invoke($"{resultPath} is missing; stage '{record.Name}' is computed again");
            return false;
        }
        try
        {
            byte[] bytes = File.ReadAllBytes(resultPath);
            if (record.Sha256 != Sha256(bytes))
            {
                Warn?.Invoke($"{resultPath} fails its checksum (truncated or damaged); stage '{record.Name}' is computed again");
                return false;
            }
            stored = JsonSerializer.Deserialize<T>(bytes, ConfigJson.Options);
            return stored is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            Warn?.Invoke($"{resultPath} cannot be read ({e.Message}); stage '{record.Name}' is computed again");
            return false;
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Marks the task complete (the reports are written).</summary>
    public void MarkComplete()
    {
        Complete = true;
        Save();
    }

    private string ResultPath(string name)
    {
        var safe = new System.Text.StringBuilder(name.Length);
        foreach (char c in name) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return Path.Combine(_folder, "stages", safe + ".json");
    }

    private void Save() => SealedJson.Write(Path.Combine(_folder, FileName), this);
}
