using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Commands.Store;

/// <summary>What the <c>store</c> sub-commands share: opening a store with its problems as one-line user errors.</summary>
internal static class StoreCommands
{
    /// <summary>Opens (creating) the store for <paramref name="settingsKey"/> under <paramref name="root"/>.</summary>
    public static FeatureStore Open(string root, string settingsKey)
    {
        try { return FeatureStore.Open(root, settingsKey); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { throw new UserInputException($"--store {root}: {e.Message}", e); }
    }

    /// <summary>The settings hashes to work on: <paramref name="only"/> when given (each must exist), otherwise all under the root.</summary>
    public static IReadOnlyList<string> Hashes(string root, string? only)
    {
        IReadOnlyList<string> all;
        try { all = StoreMaintenance.SettingsHashes(root); }
        catch (DirectoryNotFoundException e) { throw new UserInputException($"--store {e.Message}", e); }
        if (only is null) return all;
        if (!all.Contains(only)) throw new UserInputException($"--settings {only}: no such settings folder in {root} (it has: {(all.Count == 0 ? "none" : string.Join(", ", all))})");
        return [only];
    }

    /// <summary>"12.3 MB".</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
