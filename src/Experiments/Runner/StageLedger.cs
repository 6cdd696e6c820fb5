using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>One finished stage: its name, how long it took, and when it finished.</summary>
public sealed record StageRecord(string Name, double Seconds, DateTime FinishedUtc);

/// <summary>The finished stages of one task folder (<c>stages.json</c>); a restarted run skips what is listed here.</summary>
/// <remarks>A stage's result is stored next to the ledger (<c>stages/NAME.json</c>) before the stage is listed, so a listed stage can always be reloaded.</remarks>
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

    /// <summary>A new, empty ledger stored in <paramref name="folder"/>.</summary>
    public static StageLedger Create(string folder, string configHash)
    {
        var ledger = new StageLedger { _folder = folder, ConfigHash = configHash };
        ledger.Save();
        return ledger;
    }

    /// <summary>The ledger stored in <paramref name="folder"/>, or null when there is none or it cannot be read.</summary>
    public static StageLedger? TryLoad(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var ledger = JsonSerializer.Deserialize<StageLedger>(File.ReadAllText(path), ConfigJson.Options);
            if (ledger is null) return null;
            ledger._folder = folder;
            return ledger;
        }
        catch (JsonException)
        {
            return null; // a foreign or damaged ledger: start over rather than trust it
        }
    }

    /// <summary>True when <paramref name="name"/> is recorded as finished.</summary>
    public bool IsDone(string name) => Stages.Exists(s => s.Name == name);

    /// <summary>Runs <paramref name="compute"/> unless the stage is already finished, in which case its stored result is returned.</summary>
    public T Run<T>(string name, Func<T> compute)
    {
        string resultPath = ResultPath(name);
        if (IsDone(name) && File.Exists(resultPath))
        {
            var stored = JsonSerializer.Deserialize<T>(File.ReadAllText(resultPath), ConfigJson.Options);
            if (stored is not null)
            {
                ReusedThisRun.Add(name);
                return stored;
            }
        }
        Stages.RemoveAll(s => s.Name == name);
        var clock = Stopwatch.StartNew();
        T result = compute();
        double seconds = clock.Elapsed.TotalSeconds;
        Directory.CreateDirectory(Path.GetDirectoryName(resultPath)!);
        AtomicFile.WriteAllText(resultPath, ConfigJson.Serialize(result));
        Stages.Add(new StageRecord(name, seconds, DateTime.UtcNow));
        Save();
        return result;
    }

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

    private void Save() => AtomicFile.WriteAllText(Path.Combine(_folder, FileName), ConfigJson.Serialize(this));
}
