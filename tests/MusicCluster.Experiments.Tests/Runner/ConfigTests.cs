using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class ConfigTests
{
    [Fact]
    public void Defaults_match_the_issue()
    {
        var c = ConfigLoader.Resolve(new ConfigOverrides());
        Assert.Equal(3, c.Seeds);
        Assert.Equal(0.1, c.Hard.Beta);
        Assert.Equal([0, 0.1, 0.3, 0.5, 0.7, 0.9, 1], c.Medium.Alphas);
        Assert.Equal([32, 64, 128], c.Medium.Channels);
        Assert.Equal(16, c.Hard.PcaComponents);
        Assert.Null(c.Clustering.DbscanEps);
        Assert.Equal(120, c.Corpus.Tracks);
    }

    [Fact]
    public void File_then_options_then_set_override_in_that_order()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, """
            // comments are allowed
            { "seeds": 5, "hard": { "beta": 4.0, "epochs": 7 }, "clustering": { "dbscanEps": 0.8 } }
            """);
        var c = ConfigLoader.Resolve(new ConfigOverrides(ConfigFile: path, Seeds: 2, Epochs: 9, Set: ["hard.epochs=3", "clustering.k=6", "device=auto", "medium.alphas=[0,1]"]));
        Assert.Equal(2, c.Seeds);
        Assert.Equal(4.0, c.Hard.Beta);
        Assert.Equal(3, c.Hard.Epochs);
        Assert.Equal(9, c.Easy.Epochs);
        Assert.Equal(0.8, c.Clustering.DbscanEps);
        Assert.Equal(6, c.Clustering.K);
        Assert.Equal("auto", c.Device);
        Assert.Equal([0.0, 1.0], c.Medium.Alphas);
        File.Delete(path);
    }

    [Fact]
    public void Quick_uses_one_seed_and_few_epochs_but_explicit_options_win()
    {
        var c = ConfigLoader.Resolve(new ConfigOverrides(Quick: true, Seeds: 2));
        Assert.True(c.Quick);
        Assert.Equal(2, c.Seeds);
        Assert.True(c.Medium.Epochs <= 3);
        Assert.True(c.Corpus.Tracks < 120);
    }

    [Theory]
    [InlineData("hard.bta=4", "unknown setting")]
    [InlineData("nope.x=1", "unknown section 'nope'")]
    [InlineData("seeds", "expected path=value")]
    [InlineData("seeds=0", "seeds must be > 0")]
    [InlineData("device=tpu", "device 'tpu' is not cpu, gpu, auto or gpu-cpu-accelerator")]
    [InlineData("features.nMels=60", "features.nMels must be a positive multiple of 8")]
    [InlineData("features.nMels=16", "features.nMfcc must be at most features.nMels (16)")]
    [InlineData("features.streamAboveTracks=-1", "features.streamAboveTracks must be >= 0")]
    [InlineData("medium.alphas=[1.5]", "medium.alphas 1.5 is outside [0, 1]")]
    [InlineData("easy.epochs=\"many\"", "easy.epochs must be a whole number (got \"many\")")]
    public void Bad_values_name_the_setting(string set, string message)
    {
        var e = Assert.Throws<UserInputException>(() => ConfigLoader.Resolve(new ConfigOverrides(Set: [set])));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_config_file_with_an_unknown_key_or_bad_json_is_rejected_with_its_name()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "hard": { "betta": 4 } }""");
        var e = Assert.Throws<UserInputException>(() => ConfigLoader.Resolve(new ConfigOverrides(ConfigFile: path)));
        Assert.Contains(path, e.Message);
        Assert.Contains("hard.betta", e.Message);
        File.WriteAllText(path, "{ seeds: ");
        e = Assert.Throws<UserInputException>(() => ConfigLoader.Resolve(new ConfigOverrides(ConfigFile: path)));
        Assert.Contains(path, e.Message);
        File.Delete(path);
        e = Assert.Throws<UserInputException>(() => ConfigLoader.Resolve(new ConfigOverrides(ConfigFile: path)));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Config_print_shows_the_resolved_configuration_as_json()
    {
        var previous = Console.Out;
        var capture = new StringWriter();
        Console.SetOut(capture);
        int rc;
        try
        {
            rc = Program.BuildRootCommand().Parse(["config", "--print", "--quick", "--set", "hard.beta=4"]).Invoke();
        }
        finally { Console.SetOut(previous); }
        Assert.Equal(0, rc);
        using var doc = JsonDocument.Parse(capture.ToString());
        Assert.Equal(4.0, doc.RootElement.GetProperty("hard").GetProperty("beta").GetDouble());
        Assert.True(doc.RootElement.GetProperty("quick").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("seeds").GetInt32());
    }
}
