using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;
using MusicCluster.Tensors.Gpu;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster run easy|medium|hard|all</c>: the experiments end to end, with reports and figures.</summary>
public sealed class RunCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("run", "Run the Easy, Medium and Hard experiments (or all) and write OUT/results_*/ and OUT/report.md.");
        var task = new Argument<string>("task") { Description = "easy, medium, hard or all" };
        var data = new Option<string?>("--data") { Description = "Dataset folder with tracks.csv, or any folder of audio (searched recursively; track ids from the file names, no labels) [default: the built-in demo corpus, written once under OUT/.cache]" };
        var skipBad = new Option<bool>("--skip-bad-files") { Description = "Leave out audio files that cannot be decoded, listing each with its reason (console and summary.md); without it the first one stops the run before any training" };
        var outDir = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => "musiccluster-out" };
        var fresh = new Option<bool>("--fresh") { Description = "Run again even when a finished result of the same settings exists (discards resumable stages)" };
        var options = new ConfigOptions();
        command.Arguments.Add(task);
        command.Options.Add(data);
        command.Options.Add(outDir);
        command.Options.Add(fresh);
        command.Options.Add(skipBad);
        options.AddTo(command);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string which = r.GetValue(task)!.Trim().ToLowerInvariant();
            string[] tasks = which == "all" ? ExperimentRunner.AllTasks
                : ExperimentRunner.AllTasks.Contains(which) ? [which]
                : throw new UserInputException($"run: unknown task '{which}'; expected easy, medium, hard or all");
            var config = ConfigLoader.Resolve(options.Read(r));
            string? dataDir = r.GetValue(data);
            if (dataDir is not null && !Directory.Exists(dataDir)) throw new UserInputException($"--data {dataDir}: no such folder");
            string output = r.GetValue(outDir)!;
            var device = DeviceSelection.Resolve(config.Device);
            if (!device.Succeeded) throw new UserInputException(device.Notice);

            string commandLine = "musiccluster " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            Action<string> warn = line => Console.Error.WriteLine($"warning: {line}");
            OutputFolderCheck.EnsureWritable(output, warn);
            using var outputLock = OutputLock.Acquire(output, commandLine, warn);

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // First Ctrl-C: stop after the current epoch's checkpoint; a second one ends the process at once.
                if (cancel.IsCancellationRequested) return;
                e.Cancel = true;
                cancel.Cancel();
                Console.Error.WriteLine("interrupt: stopping after the current step; run the same command again to resume");
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var console = new RunConsole { Cancellation = cancel.Token };
                console.Line(device.Notice);
                var dataset = DataSource.Open(dataDir, output, config, console, r.GetValue(skipBad));
                var request = new RunRequest(tasks, output, config, commandLine,
                    r.GetValue(fresh), config.Device == "cpu" ? "cpu" : device.Notice, device.Backend);
                var outcomes = ExperimentRunner.Run(request, dataset, console);
                console.Ansi.Write(SummaryTable.Build(outcomes, console.Width));
                console.Line($"report: {Path.Combine(Path.GetFullPath(output), "report.md")}");
                return 0;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("interrupted: finished stages and the last checkpoint are kept; run the same command again to resume");
                return 130;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
