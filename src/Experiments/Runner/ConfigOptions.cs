using System.CommandLine;

namespace MusicCluster.Experiments.Runner;

/// <summary>The configuration options shared by <c>run</c> and <c>config</c>, so both resolve the same way.</summary>
public sealed class ConfigOptions
{
    private static readonly RunConfig Defaults = new();

    public Option<string?> Config { get; } = new("--config") { Description = "JSON file with settings (see `musiccluster config --print`)" };
    public Option<int?> Seed { get; } = new("--seed") { Description = $"First seed (seed i is seed + i) [default: {Defaults.Seed}]" };
    public Option<int?> Seeds { get; } = new("--seeds") { Description = $"Number of seeds every model and clustering is repeated with [default: {Defaults.Seeds}; --quick: 1]" };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = $"Training epochs for every model [default: easy {Defaults.Easy.Epochs}, medium {Defaults.Medium.Epochs}, hard {Defaults.Hard.Epochs}]" };
    public Option<string?> Device { get; } = new("--device") { Description = $"cpu, gpu or auto (gpu-cpu-accelerator: the GPU code path on ILGPU's CPU accelerator, for testing without a GPU) [default: {Defaults.Device}]" };
    public Option<string?> K { get; } = new("--k") { Description = $"Clusters for K-Means and Ward: a number, or auto (best silhouette over k = {Defaults.Clustering.AutoKMin}..{Defaults.Clustering.AutoKMax}) [default: the number of genres or languages; auto without labels]" };
    public Option<string?> Decoder { get; } = new("--decoder") { Description = $"Decoder of compressed audio: managed (no ffmpeg needed; WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus), ffmpeg, or auto (managed where one exists, else ffmpeg) [default: {Defaults.Features.Decoder}]" };
    public Option<bool> Quick { get; } = new("--quick") { Description = "Few epochs, one seed, small demo corpus" };
    public Option<string[]> Set { get; } = new("--set") { Description = "Any setting as path=value, e.g. --set hard.beta=4 (repeatable)", AllowMultipleArgumentsPerToken = false };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Config, Seed, Seeds, Epochs, Device, K, Decoder, Quick, Set }) command.Options.Add(o);
    }

    /// <summary>Reads the overrides from a parse result.</summary>
    public ConfigOverrides Read(ParseResult r) => new(
        r.GetValue(Config), r.GetValue(Seed), r.GetValue(Seeds), r.GetValue(Epochs), r.GetValue(Device),
        r.GetValue(Quick), r.GetValue(Set) ?? [], r.GetValue(K), r.GetValue(Decoder));
}
