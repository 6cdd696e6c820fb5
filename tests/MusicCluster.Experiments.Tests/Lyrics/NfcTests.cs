using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Tests.Lyrics;

public class NfcTests
{
    [Fact]
    public void MatchesPythonUnicodedataNfc()
    {
        var f = Fixture.Load("lyrics/nfc.json");
        Assert.Equal(f.String("unicode"), Nfc.UnicodeVersion);
        var input = LyricsFixture.Strings(f.Root.GetProperty("input"));
        var expected = LyricsFixture.Strings(f.Root.GetProperty("nfc"));
        Assert.True(input.Length > 400);
        for (int i = 0; i < input.Length; i++)
            Assert.True(expected[i] == Nfc.Normalize(input[i]),
                $"case {i}: {Hex(input[i])} -> expected {Hex(expected[i])}, got {Hex(Nfc.Normalize(input[i]))}");
    }

    [Fact]
    public void ComposesReordersAndHonoursExclusions()
    {
        Assert.Equal("\u00E9", Nfc.Normalize("e\u0301"));
        Assert.Equal("\u1EAD", Nfc.Normalize("a\u0302\u0323")); // marks reordered by class, then composed
        Assert.Equal("\u00C5\u03A9", Nfc.Normalize("\u212B\u2126")); // singletons never come back
        Assert.Equal("\u0915\u093C", Nfc.Normalize("\u0958")); // composition exclusion stays decomposed
        Assert.Equal("\u09CB", Nfc.Normalize("\u09C7\u09BE")); // Bengali o-kar composes
        Assert.Equal("\uAC01", Nfc.Normalize("\u1100\u1161\u11A8")); // Hangul jamo compose algorithmically
    }

    private static string Hex(string s) => string.Join(" ", s.EnumerateRunes().Select(r => r.Value.ToString("X4")));
}
