using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Lyrics;

public class LyricsEmbeddingTests
{
    [Theory]
    [InlineData("word")]
    [InlineData("word_stop")]
    [InlineData("char_wb")]
    public void MatchesScikitLearnsLsaPipeline(string name)
    {
        var f = Fixture.Load("lyrics/lsa.json");
        var docs = LyricsFixture.Strings(f.Root.GetProperty("docs"));
        var c = f.Child("cases").Child(name);
        var ngram = c.Ints("ngram");
        var config = new LyricsConfig
        {
            Analyzer = c.Root.GetProperty("analyzer").GetString()!, SvdComponents = (int)c.Scalar("components"),
            StopWords = c.Root.GetProperty("stop_words").GetBoolean(),
        };
        Assert.Equal((ngram[0], ngram[1]), config.NGramRange); // char_wb defaults to sklearn's (2, 4)

        var tfidf = new MusicCluster.Experiments.Lyrics.TfidfVectorizer(LyricsEmbedding.Options(config)).FitTransform(docs);
        Assert.Equal((int)c.Scalar("columns"), tfidf.Columns);
        var m = LyricsEmbedding.Compute(docs, config, seed: 3);
        Assert.Equal(config.SvdComponents, m.Cols);

        var norms = c.Doubles("row_norms");
        for (int i = 0; i < m.Rows; i++)
        {
            double sq = 0;
            foreach (float v in m.Row(i)) sq += (double)v * v;
            Assert.True(Math.Abs(Math.Sqrt(sq) - norms[i]) < 1e-5, $"row {i}: norm {Math.Sqrt(sq)} vs sklearn {norms[i]}");
        }
        // SVD bases are defined up to sign and rotation; the cosine Gram matrix of the rows is not.
        var gram = c.Doubles("gram");
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Rows; j++)
            {
                double dot = 0;
                var a = m.Row(i); var b = m.Row(j);
                for (int q = 0; q < a.Length; q++) dot += (double)a[q] * b[q];
                Assert.True(Math.Abs(dot - gram[i * m.Rows + j]) < 1e-4, $"gram[{i},{j}] = {dot}, sklearn {gram[i * m.Rows + j]}");
            }
    }

    [Fact]
    public void UnknownAnalyzerAndBadRangeAreNamedConfigurationErrors()
    {
        var c = new RunConfig();
        c.Lyrics.Analyzer = "chars";
        var e = Assert.Throws<MusicCluster.Experiments.Cli.UserInputException>(() => ConfigValidator.Validate(c));
        Assert.Contains("lyrics.analyzer", e.Message);
        c.Lyrics.Analyzer = "char_wb";
        c.Lyrics.NGramMin = 5;
        e = Assert.Throws<MusicCluster.Experiments.Cli.UserInputException>(() => ConfigValidator.Validate(c));
        Assert.Contains("lyrics.nGramMax", e.Message);
    }
}
