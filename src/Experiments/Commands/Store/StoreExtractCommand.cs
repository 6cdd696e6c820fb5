using System.CommandLine;
using System.Globalization;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Commands.Store;

/// <summary><c>musiccluster store extract --data DIR --store ROOT</c>: fills a feature store with the run's features of every track (resumable).</summary>
public sealed class StoreExtractCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "store";

    /// <inheritdoc />
    public Command Create()
    {
        var data = new Option<string>("--data") { Description = "A dataset folder (tracks.csv) or a folder of audio files", Required = true };
        var root = new Option<string>("--store") { Description = "Feature-store folder (created if missing)", Required = true };
        var config = new Option<string?>("--config") { Description = "JSON file with settings (its features section counts)" };
        var set = new Option<string[]>("--set") { Description = "Any setting as path=value, e.g. --set features.nMels=32 (repeatable)" };
        var skipBad = new Option<bool>("--skip-bad-files") { Description = "Leave out files that cannot be decoded and list them" };
        var cluster = new Option<string?>("--cluster") { Description = "HOST:PORT[,HOST:PORT…] of `musiccluster node`s to extract on (every node must reach --data and --store at the same paths)" };
        var command = new Command("extract", "Extract every track's descriptors and log-mel patches into a feature store; a killed extraction resumes without recomputing finished tracks.");
        foreach (var o in new Option[] { data, root, config, set, skipBad, cluster }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            var features = ConfigLoader.Resolve(new ConfigOverrides(r.GetValue(config), Set: r.GetValue(set) ?? [])).Features;
            var tracks = EncodeCommand.Tracks(r.GetValue(data)!);
            using var store = StoreCommands.Open(r.GetValue(root)!, StoreExtraction.SettingsKey(features));
            var result = r.GetValue(cluster) is { } nodes
                ? Distributed.ClusterJob.Extract(nodes, tracks, features, store, r.GetValue(skipBad), new StderrProgress("store extract"))
                : StoreExtraction.Run(tracks, features, store, new StderrProgress("store extract"), r.GetValue(skipBad),
                    w => Console.Error.WriteLine($"  warning: {w}"));
            foreach (var (_, b) in result.BadFiles) Console.Out.WriteLine($"  skipped {b}");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{store.Folder}: {result.Extracted} tracks extracted, {result.Reused} already stored, {result.BadFiles.Count} skipped in {result.Seconds:F1} s " +
                $"({(result.Seconds > 0 ? result.Extracted / result.Seconds : 0):F1} tracks/s); the store holds {store.Count} tracks"));
        }));
        return command;
    }
}
