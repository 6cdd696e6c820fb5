using System.Text.Json;
using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Tests.Lyrics;

public class TfidfVectorizerTests
{
    public static TheoryData<string> Cases() => ["word_default", "word_bigram_sublinear", "word_nostop_noidf_l1", "charwb_graphemes"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string name)
    {
        var f = LyricsFixture.Load();
        var docs = LyricsFixture.Strings(f.Root.GetProperty("docs"));
        var held = LyricsFixture.Strings(f.Root.GetProperty("held_out"));
        var c = f.Child("cases").Child(name);
        var options = OptionsOf(c.Root);
        var v = new TfidfVectorizer(options);
        var m = v.FitTransform(docs);

        Assert.Equal(LyricsFixture.Strings(c.Root.GetProperty("features")), v.FeatureNames);
        Assert.Equal(c.Shape("matrix"), new[] { m.Rows, m.Columns });
        AssertClose(c.Doubles("matrix"), m.ToDense());
        if (options.UseIdf) AssertClose(c.Doubles("idf"), v.Idf.Select(x => (float)x).ToArray());
        AssertClose(c.Doubles("held_out"), v.Transform(held).ToDense());
    }

    [Fact]
    public void CharWbMatchesSklearnsOwnAnalyzerOnEnglish()
    {
        var e = LyricsFixture.Load().Child("sklearn_char_wb_english");
        var docs = LyricsFixture.Strings(e.Root.GetProperty("docs"));
        var v = new TfidfVectorizer(new TfidfOptions { Analyzer = TfidfAnalyzer.CharWb, NGramMin = 1, NGramMax = 3 });
        var m = v.FitTransform(docs);
        Assert.Equal(LyricsFixture.Strings(e.Root.GetProperty("features")), v.FeatureNames);
        AssertClose(e.Doubles("matrix"), m.ToDense());
    }

    [Fact]
    public void VocabularyIsSortedByCodePointAndMapsToColumns()
    {
        var v = new TfidfVectorizer(new TfidfOptions { StopWords = null }).Fit(["zebra apple", "আকাশ 𝒜lpha Ωmega"]);
        for (int i = 1; i < v.FeatureNames.Length; i++) Assert.True(CodePointComparer.Instance.Compare(v.FeatureNames[i - 1], v.FeatureNames[i]) < 0);
        Assert.Equal("𝒜lpha", v.FeatureNames[^1]); // U+1D49C sorts after Bengali although its UTF-16 lead unit is smaller
        for (int i = 0; i < v.FeatureNames.Length; i++) Assert.Equal(i, v.Vocabulary[v.FeatureNames[i]]);
    }

    [Fact]
    public void MaxFeaturesKeepsTheMostFrequentTerms()
    {
        var v = new TfidfVectorizer(new TfidfOptions { StopWords = null, MaxFeatures = 2 }).Fit(["a b b c c c", "c d d"]);
        Assert.Equal(["b", "c"], v.FeatureNames); // c has 4; b and d tie at 2 and the earlier name, b, wins
    }

    [Fact]
    public void EmptyVocabularyAndImpossibleDfBoundsAreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => new TfidfVectorizer().Fit(["the and of", ""]));
        Assert.Contains("empty vocabulary", e.Message);
        e = Assert.Throws<ArgumentException>(() => new TfidfVectorizer(new TfidfOptions { MinDf = DfLimit.Documents(2), MaxDf = DfLimit.Documents(1) }).Fit(["rain", "rain", "sun"]));
        Assert.Contains("max_df corresponds to fewer documents than min_df", e.Message);
        Assert.Throws<InvalidOperationException>(() => new TfidfVectorizer().Transform(["x"]));
    }

    private static TfidfOptions OptionsOf(JsonElement c)
    {
        var ngram = c.GetProperty("ngram").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        return new TfidfOptions
        {
            Analyzer = c.GetProperty("analyzer").GetString() == "word" ? TfidfAnalyzer.Word : TfidfAnalyzer.CharWb,
            NGramMin = ngram[0], NGramMax = ngram[1],
            StopWords = c.GetProperty("stop").GetBoolean() ? StopWords.EnglishAndBangla : null,
            MinDf = Limit(c.GetProperty("min_df")), MaxDf = Limit(c.GetProperty("max_df")),
            SublinearTf = c.GetProperty("sublinear").GetBoolean(),
            SmoothIdf = c.GetProperty("smooth").GetBoolean(),
            UseIdf = c.GetProperty("use_idf").GetBoolean(),
            Norm = c.GetProperty("norm").GetString() switch { "l2" => TfidfNorm.L2, "l1" => TfidfNorm.L1, _ => TfidfNorm.None },
        };
    }

    // [value, isFraction]
    private static DfLimit Limit(JsonElement e)
    {
        var a = e.EnumerateArray().ToArray();
        return a[1].GetDouble() == 1 ? DfLimit.Fraction(a[0].GetDouble()) : DfLimit.Documents(a[0].GetInt32());
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"index {i}: expected {expected[i]}, got {actual[i]}");
    }
}
