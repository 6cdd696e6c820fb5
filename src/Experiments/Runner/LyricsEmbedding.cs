using MusicCluster.Clustering.Decomposition;
using MusicCluster.Experiments.Lyrics;

namespace MusicCluster.Experiments.Runner;

/// <summary>Lyrics → TF-IDF (scikit-learn semantics) → truncated SVD: a dense embedding per track.</summary>
public static class LyricsEmbedding
{
    /// <summary>The embedding of <paramref name="lyrics"/>; components are capped by the vocabulary and the number of tracks.</summary>
    public static FeatureMatrix Compute(IReadOnlyList<string> lyrics, LyricsConfig config, int seed)
    {
        var options = new TfidfOptions
        {
            NGramMin = 1,
            NGramMax = config.NGramMax,
            MinDf = DfLimit.Documents(config.MinDf),
            SublinearTf = config.SublinearTf,
        };
        var tfidf = new TfidfVectorizer(options).FitTransform(lyrics);
        int components = Math.Min(config.SvdComponents, Math.Min(lyrics.Count - 1, tfidf.Columns - 1));
        if (components < 1) throw new InvalidOperationException($"the lyrics have a vocabulary of {tfidf.Columns} terms over {lyrics.Count} tracks: too small for an embedding");
        var svd = new TruncatedSvd(components, seed: seed).Fit(tfidf);
        return new FeatureMatrix(svd.Embedding, lyrics.Count, components);
    }
}
