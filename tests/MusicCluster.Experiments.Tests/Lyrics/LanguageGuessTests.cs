using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Tests.Lyrics;

public class LanguageGuessTests
{
    [Fact]
    public void ScriptDecidesTheLanguage()
    {
        Assert.Equal("bn", LanguageGuess.Of("আমি তোমার জন্য গান গাই।").Language);
        Assert.Equal("en", LanguageGuess.Of("I sing for you tonight").Language);
        Assert.Equal("und", LanguageGuess.Of("123 !!! 🎵").Language);
        var mixed = LanguageGuess.Of("love ভালোবাসা");
        // l,o,v,e against ভ,ল,ব,স: Bengali vowel signs are marks, not letters, so the shares are even and nobody wins.
        Assert.Equal(0.5, mixed.LatinShare, 12);
        Assert.Equal(0.5, mixed.BengaliShare, 12);
        Assert.Equal("und", mixed.Language);
        Assert.Equal([0.5f, 0.5f], mixed.ToFeatures());
    }

    [Fact]
    public void AgreementWithTheDeclaredLanguage()
    {
        Assert.True(LanguageGuess.Agrees("bn", "আকাশে মেঘ"));
        Assert.True(LanguageGuess.Agrees("Bangla", "আকাশে মেঘ"));
        Assert.False(LanguageGuess.Agrees("en", "আকাশে মেঘ"));
        Assert.False(LanguageGuess.Agrees("bn", "rain on the window"));
        Assert.True(LanguageGuess.Agrees("en", "")); // nothing contradicts an instrumental track
        Assert.True(LanguageGuess.Agrees("fr", "rain")); // unknown codes are not judged
    }
}
