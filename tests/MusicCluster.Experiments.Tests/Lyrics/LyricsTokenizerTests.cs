using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Tests.Lyrics;

public class LyricsTokenizerTests
{
    [Fact]
    public void TokensMatchTheIndependentPythonTokenizer()
    {
        var f = LyricsFixture.Load();
        var docs = LyricsFixture.Strings(f.Root.GetProperty("docs"));
        var expected = LyricsFixture.StringLists(f.Root.GetProperty("tokens"));
        for (int i = 0; i < docs.Length; i++) Assert.Equal(expected[i], LyricsTokenizer.Tokenize(docs[i]));
        var held = LyricsFixture.Strings(f.Root.GetProperty("held_out"));
        var heldTokens = LyricsFixture.StringLists(f.Root.GetProperty("held_out_tokens"));
        for (int i = 0; i < held.Length; i++) Assert.Equal(heldTokens[i], LyricsTokenizer.Tokenize(held[i]));
    }

    [Fact]
    public void GraphemesMatchThePythonClusters()
    {
        var f = LyricsFixture.Load();
        var docs = LyricsFixture.Strings(f.Root.GetProperty("docs"));
        var expected = LyricsFixture.StringLists(f.Root.GetProperty("graphemes"));
        for (int i = 0; i < docs.Length; i++) Assert.Equal(expected[i], Graphemes.Split(LyricsTokenizer.Normalize(docs[i])));
    }

    [Fact]
    public void HasantaConjunctsAndVowelSignsStayInsideOneWord()
    {
        // ক্ষমা: consonant + hasanta + consonant + aa-kar; স্বপ্ন has two conjuncts; চাঁদ has chandrabindu.
        Assert.Equal(["ক্ষমা", "স্বপ্ন", "চাঁদ"], LyricsTokenizer.Tokenize("ক্ষমা, স্বপ্ন; চাঁদ।"));
        Assert.Equal(["ক্ষ", "মা"], Graphemes.Split("ক্ষমা"));
    }

    [Fact]
    public void DariAndDoubleDariSplitWords()
    {
        Assert.Equal(["আমি", "গান", "গাই", "তুমি"], LyricsTokenizer.Tokenize("আমি গান গাই।তুমি॥"));
    }

    [Fact]
    public void DecomposedAndPrecomposedSpellingsGiveTheSameToken()
    {
        string precomposed = "\u0995\u09CB"; // কো with the single o-kar code point
        string decomposed = "\u0995\u09C7\u09BE"; // e-kar + aa-kar, which NFC composes
        Assert.Equal(LyricsTokenizer.Tokenize(precomposed), LyricsTokenizer.Tokenize(decomposed));
        Assert.Equal(["café"], LyricsTokenizer.Tokenize("Cafe\u0301"));
    }

    [Fact]
    public void ZeroWidthJoinersAreDroppedAndZeroWidthSpaceSplits()
    {
        Assert.Equal(["র্যাব"], LyricsTokenizer.Tokenize("র\u200D্যাব"));
        Assert.Equal(["ক্ষমা"], LyricsTokenizer.Tokenize("ক\u200C্ষমা"));
        Assert.Equal(["love", "song"], LyricsTokenizer.Tokenize("love\u200Bsong"));
    }

    [Fact]
    public void LatinIsCaseFoldedAndApostrophesKeptOnlyInsideWords()
    {
        Assert.Equal(["don't", "stop", "rock'n'roll", "singin"], LyricsTokenizer.Tokenize("DON’T Stop ROCK'n'roll, 'singin' "));
    }

    [Fact]
    public void StopWordListsCoverBothLanguagesInNormalisedForm()
    {
        Assert.Contains("the", StopWords.English);
        Assert.Contains("don't", StopWords.English);
        Assert.Contains("আমি", StopWords.Bangla);
        Assert.Contains(LyricsTokenizer.Tokenize("নয়")[0], StopWords.Bangla); // য় is stored decomposed after NFC
        Assert.DoesNotContain("ভালোবাসা", StopWords.Bangla);
        Assert.All(StopWords.EnglishAndBangla, w => Assert.Equal(w, LyricsTokenizer.Normalize(w)));
    }
}
