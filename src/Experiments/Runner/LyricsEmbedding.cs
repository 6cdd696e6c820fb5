using MusicCluster.Clustering.Decomposition;
using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Runner;

/// <summary>Lyrics → TF-IDF → truncated SVD → unit-length rows: scikit-learn's latent semantic analysis recipe.</summary>
/// <remarks>
/// The rows are L2-normalised (sklearn's Normalizer after TruncatedSVD) and the components are not standardised:
/// the leading components carry the language and topic structure, and giving every trailing component unit variance
/// would weigh noise as much as them.
/// </remarks>
public static class LyricsEmbedding
{
    /// <summary>The TF-IDF settings <paramref name="config"/> describes.</summary>
    public static TfidfOptions Options(LyricsConfig config)
    {
        var (min, max) = config.NGramRange;
        return new TfidfOptions
        {
            Analyzer = config.Analyzer == "char_wb" ? TfidfAnalyzer.CharWb : TfidfAnalyzer.Word,
            NGramMin = min,
            NGramMax = max,
            MinDf = DfLimit.Documents(config.MinDf),
            SublinearTf = config.SublinearTf,
            StopWords = config.StopWords ? Lyrics.StopWords.EnglishAndBangla : null,
        };
    }

    /// <summary>The embedding of <paramref name="lyrics"/>; components are capped by the vocabulary and the number of tracks.</summary>
    public static FeatureMatrix Compute(IReadOnlyList<string> lyrics, LyricsConfig config, int seed)
    {
        var tfidf = new TfidfVectorizer(Options(config)).FitTransform(lyrics);
        int components = Math.Min(config.SvdComponents, Math.Min(lyrics.Count - 1, tfidf.Columns - 1));
        if (components < 1) throw new InvalidOperationException($"the lyrics have a vocabulary of {tfidf.Columns} terms over {lyrics.Count} tracks: too small for an embedding");
        var svd = new TruncatedSvd(components, seed: seed).Fit(tfidf);
        var m = new FeatureMatrix(svd.Embedding, lyrics.Count, components);
        NormaliseRows(m);
        return m;
    }

    /// <summary>Scales every row to unit Euclidean length; an all-zero row (a text without known terms) stays zero, as in sklearn's Normalizer.</summary>
    public static void NormaliseRows(FeatureMatrix m)
    {
        for (int i = 0; i < m.Rows; i++)
        {
            var row = m.Row(i);
            double sq = 0;
            foreach (float v in row) sq += (double)v * v;
            if (sq == 0) continue;
            float inv = (float)(1 / Math.Sqrt(sq));
            for (int j = 0; j < row.Length; j++) row[j] *= inv;
        }
    }
}
