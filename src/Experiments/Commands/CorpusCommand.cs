using System.CommandLine;
using System.Diagnostics;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Corpus;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster corpus</c>: writes the built-in synthetic demo collection in manifest format.</summary>
public sealed class CorpusCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write tracks.csv and audio/ into (created if missing)", Required = true };
        var tracks = new Option<int>("--tracks") { Description = "Number of tracks", DefaultValueFactory = _ => 120 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each track in seconds", DefaultValueFactory = _ => 10.0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed writes the same bytes", DefaultValueFactory = _ => 1UL };
        var command = new Command("corpus", "Write a deterministic synthetic music collection (six genres, English and Bangla lyrics) as a dataset folder.");
        command.Options.Add(output);
        command.Options.Add(tracks);
        command.Options.Add(seconds);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(output)!;
            var options = new CorpusOptions { Tracks = parse.GetValue(tracks), Seconds = parse.GetValue(seconds), Seed = parse.GetValue(seed) };
            if (File.Exists(dir)) throw new UserInputException($"--out {dir}: is a file, not a folder");
            try { options.Validate(); }
            catch (ArgumentOutOfRangeException e) { throw new UserInputException(e.Message.Split(" (Parameter")[0], e); }
            var clock = Stopwatch.StartNew();
            var manifest = DemoCorpus.Write(dir, options);
            Console.WriteLine($"wrote {manifest.Tracks.Count} tracks ({string.Join(", ", DemoCorpus.Genres)}; "
                + $"{manifest.Tracks.Count(t => t.Language == "en")} English, {manifest.Tracks.Count(t => t.Language == "bn")} Bangla) "
                + $"of {options.Seconds:0.##} s at {options.SampleRate} Hz to {manifest.CsvPath} in {clock.Elapsed.TotalSeconds:0.00} s");
            return 0;
        });
        return command;
    }
}
