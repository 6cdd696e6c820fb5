using System.CommandLine;

namespace MusicCluster.Experiments.Cli;

/// <summary>The <c>bench</c> group: kernel and training timings printed as one JSON line each.</summary>
public sealed class BenchCommandGroup : ICommandFactory
{
    /// <inheritdoc />
    public Command Create() => new("bench", "Time one kernel or one model and print a single JSON line.");
}
