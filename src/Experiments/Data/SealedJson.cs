using System.Text.Json;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;

namespace MusicCluster.Experiments.Data;

/// <summary>State files the runner trusts on a restart (the stage ledger, training histories), stored as
/// <c>{"checksum": "sha256:…", "value": …}</c> with a whole-file checksum, so a torn or damaged file is detected, never believed.</summary>
public static class SealedJson
{
    // The checksum is the first property, so it lies within the first bytes whatever the value holds.
    private const int ChecksumSearchBytes = 128;

    private sealed record Envelope<T>(string Checksum, T Value);

    /// <summary>Writes <paramref name="value"/> with its checksum, atomically.</summary>
    public static void Write<T>(string path, T value)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(EmbeddedChecksum.Placeholder, value), ConfigJson.Options);
        EmbeddedChecksum.Seal(bytes, 0, Math.Min(bytes.Length, ChecksumSearchBytes));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The value stored at <paramref name="path"/>; null when there is no file, or when it fails a check (then <paramref name="problem"/> says why).</summary>
    public static T? TryRead<T>(string path, out string? problem) where T : class
    {
        problem = null;
        if (!File.Exists(path)) return null;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({e.Message})";
            return null;
        }
        switch (EmbeddedChecksum.Verify(bytes, 0, Math.Min(bytes.Length, ChecksumSearchBytes)))
        {
            case ChecksumStatus.Missing:
                problem = "has no checksum (damaged, or written by an older version)";
                return null;
            case ChecksumStatus.Mismatch:
                problem = "fails its checksum (truncated or damaged)";
                return null;
        }
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope<T>>(bytes, ConfigJson.Options);
            if (envelope?.Value is null) problem = "holds no value";
            return envelope?.Value;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            problem = $"cannot be read ({e.Message})";
            return null;
        }
    }
}
