using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster config --print</c>: the resolved run configuration as JSON.</summary>
public sealed class ConfigCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("config", "Show the resolved configuration of `musiccluster run` (defaults, file, options).");
        var print = new Option<bool>("--print") { Description = "Print the resolved configuration as JSON" };
        var options = new ConfigOptions();
        command.Options.Add(print);
        options.AddTo(command);
        command.SetAction(r => UserErrors.Run(() =>
        {
            if (!r.GetValue(print)) throw new UserInputException("config: nothing to do; use --print to show the resolved configuration");
            var config = ConfigLoader.Resolve(options.Read(r));
            Console.Out.WriteLine(ConfigJson.Serialize(config));
            return 0;
        }));
        return command;
    }
}
