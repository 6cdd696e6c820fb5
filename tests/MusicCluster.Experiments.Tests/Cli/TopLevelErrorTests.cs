using System.CommandLine;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Tests.Cli;

[Collection("Console")]
public sealed class TopLevelErrorTests
{
    private static (int Code, string Out, string Err) Execute(string[] args, RootCommand? root = null)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o); Console.SetError(e);
        try { return (CommandLine.Execute(args, root), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static RootCommand Throwing(Action body)
    {
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction(_ => { body(); return 0; });
        root.Subcommands.Add(boom);
        return root;
    }

    [Theory]
    [InlineData(new[] { "run", "easy", "--ot", "x" }, "error: run: unknown option '--ot'", "did you mean --out?")]
    [InlineData(new[] { "run", "easy", "--epoch", "3" }, "error: run: unknown option '--epoch'", "did you mean --epochs?")]
    [InlineData(new[] { "clustr" }, "error: unknown command 'clustr'", "did you mean cluster?")]
    [InlineData(new[] { "run" }, "error: run: missing the <task> argument", "see 'musiccluster run --help'")]
    [InlineData(new[] { "cluster", "--method", "kmeans" }, "error: cluster: missing required options --input, --out", "see 'musiccluster cluster --help'")]
    [InlineData(new[] { "run", "easy", "--seed", "abc" }, "error: run: --seed: 'abc' is not a whole number", "see 'musiccluster run --help'")]
    public void Parse_errors_are_one_line_with_a_hint_and_exit_code_2(string[] args, string error, string hint)
    {
        var (code, output, err) = Execute(args);
        Assert.Equal(2, code);
        Assert.Equal("", output); // no help dump
        var lines = Lines(err);
        Assert.Equal(2, lines.Length);
        Assert.Equal(error, lines[0]);
        Assert.Contains(hint, lines[1]);
    }

    [Theory]
    [InlineData("easy.epochs=abc", "error: --set easy.epochs=abc: easy.epochs must be a whole number (got \"abc\")")]
    [InlineData("clustering.k=1.5", "error: --set clustering.k=1.5: clustering.k must be a whole number or null (got 1.5)")]
    [InlineData("quick=maybe", "error: --set quick=maybe: quick must be true or false (got \"maybe\")")]
    [InlineData("medium.channels=[8,\"x\",32]", "error: --set medium.channels=[8,\"x\",32]: medium.channels must be a list of whole numbers (got [8,\"x\",32])")]
    public void A_set_value_of_the_wrong_type_names_the_setting_not_a_dotnet_converter(string set, string expected)
    {
        var (code, _, err) = Execute(["config", "--print", "--set", set]);
        Assert.Equal(2, code);
        Assert.Equal([expected], Lines(err));
    }

    [Fact]
    public void A_config_file_value_of_the_wrong_type_names_the_file_and_setting()
    {
        using var dir = new TempDir();
        string file = dir.Write("cfg.json", "{ \"hard\": { \"beta\": \"big\" } }");
        var (code, _, err) = Execute(["config", "--print", "--config", file]);
        Assert.Equal(2, code);
        Assert.Equal([$"error: config file {file}: hard.beta must be a number (got \"big\")"], Lines(err));
    }

    [Fact]
    public void A_user_input_error_that_reaches_main_is_one_line_and_exit_code_2()
    {
        var (code, _, err) = Execute(["boom"], Throwing(() => throw new UserInputException("x.wav: not a WAV file")));
        Assert.Equal(2, code);
        Assert.Equal(["error: x.wav: not a WAV file"], Lines(err));
    }

    [Fact]
    public void Any_other_exception_is_reported_as_a_bug_with_a_crash_log_and_exit_code_1()
    {
        using var dir = new TempDir();
        string? previous = Environment.GetEnvironmentVariable(CrashLog.FolderVariable);
        Environment.SetEnvironmentVariable(CrashLog.FolderVariable, dir.Path);
        try
        {
            var (code, _, err) = Execute(["boom"], Throwing(() => throw new InvalidOperationException("the index went wrong")));
            Assert.Equal(1, code);
            var lines = Lines(err);
            Assert.Single(lines);
            Assert.StartsWith("error: internal error (a bug in musiccluster, not in your input): InvalidOperationException: the index went wrong; stack trace in ", lines[0]);
            string log = Assert.Single(Directory.GetFiles(dir.Path, "crash-*.log"));
            Assert.Contains(log, lines[0]);
            string text = File.ReadAllText(log);
            Assert.Contains("command: musiccluster boom", text);
            Assert.Contains("at MusicCluster.Experiments.Tests.Cli.TopLevelErrorTests", text); // the stack trace
        }
        finally { Environment.SetEnvironmentVariable(CrashLog.FolderVariable, previous); }
    }

    [Fact]
    public void A_full_disk_is_the_machine_not_a_bug_one_line_and_exit_code_2()
    {
        // /dev/full answers every write with ENOSPC: the same IOException a full output disk gives.
        var (code, _, err) = Execute(["boom"], Throwing(() =>
        {
            using var s = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            s.Write(new byte[4096]);
            s.Flush();
        }));
        Assert.Equal(2, code);
        var line = Assert.Single(Lines(err));
        Assert.StartsWith("error: the disk is full (", line);
        Assert.Contains("finished stages and earlier results are kept", line);
    }

    [Fact]
    public void Run_into_an_unwritable_output_folder_stops_before_any_work_with_one_line()
    {
        var (code, output, err) = Execute(["run", "easy", "--quick", "--out", "/sys/musiccluster-out"]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: --out /sys/musiccluster-out: the folder cannot be written (", Assert.Single(Lines(err)));
    }

    [Fact]
    public void Typo_suggestions_rank_by_edit_distance_and_prefix()
    {
        Assert.Equal(["--out"], ParseErrorLine.Suggestions("--ot", ["--out", "--data", "--seed"]));
        Assert.Equal(["--seeds"], ParseErrorLine.Suggestions("--seeds", ["--seeds", "--seed"]).Take(1));
        Assert.Empty(ParseErrorLine.Suggestions("--zzzzzz", ["--out", "--data"]));
    }
}
