using MusicCluster.Tensors.Sparse;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>TF-IDF features of lyrics with scikit-learn's TfidfVectorizer semantics, to a float32 CSR matrix.</summary>
/// <remarks>
/// The vocabulary is every surviving feature sorted by code point (as sklearn sorts its feature names); counts are
/// raw term counts (or 1 + ln count), weighted by idf and normalised per row in float64, then stored as float32.
/// Features unseen at fit time are ignored by <see cref="Transform"/>; a document without known features is a zero row.
/// </remarks>
public sealed class TfidfVectorizer(TfidfOptions? options = null)
{
    private Dictionary<string, int>? _vocabulary;

    /// <summary>The settings.</summary>
    public TfidfOptions Options { get; } = options ?? new TfidfOptions();

    /// <summary>Feature name to column index; set by <see cref="Fit"/>.</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary ?? throw NotFitted();

    /// <summary>Feature names in column order (sklearn get_feature_names_out).</summary>
    public string[] FeatureNames { get; private set; } = [];

    /// <summary>The idf weight of each column (all ones when <see cref="TfidfOptions.UseIdf"/> is off).</summary>
    public double[] Idf { get; private set; } = [];

    /// <summary>The features one document contributes, before counting (tokens, stop words, n-grams).</summary>
    public List<string> Analyze(string document)
    {
        var tokens = LyricsTokenizer.Tokenize(document);
        return Options.Analyzer == TfidfAnalyzer.Word
            ? NGrams.Words(tokens, Options.NGramMin, Options.NGramMax, Options.StopWords)
            : NGrams.CharWb(tokens, Options.NGramMin, Options.NGramMax);
    }

    /// <summary>Learns the vocabulary and idf from <paramref name="documents"/>.</summary>
    public TfidfVectorizer Fit(IReadOnlyList<string> documents) => FitAnalyzed(AnalyzeAll(documents));

    /// <summary>The TF-IDF matrix of <paramref name="documents"/> (rows) over the fitted vocabulary (columns).</summary>
    public CsrMatrix Transform(IReadOnlyList<string> documents) => TransformAnalyzed(AnalyzeAll(documents));

    /// <summary>Fits on <paramref name="documents"/> and returns their matrix (each document is analysed once).</summary>
    public CsrMatrix FitTransform(IReadOnlyList<string> documents)
    {
        var features = AnalyzeAll(documents);
        return FitAnalyzed(features).TransformAnalyzed(features);
    }

    private List<string>[] AnalyzeAll(IReadOnlyList<string> documents)
    {
        var result = new List<string>[documents.Count];
        for (int d = 0; d < result.Length; d++) result[d] = Analyze(documents[d]);
        return result;
    }

    private TfidfVectorizer FitAnalyzed(List<string>[] documents)
    {
        Options.Validate();
        int n = documents.Length;
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var total = new List<long>();
        var seenIn = new List<int>(); // last document that counted toward df, so a repeated feature counts once
        for (int d = 0; d < n; d++)
        {
            foreach (var f in documents[d])
            {
                if (!index.TryGetValue(f, out int j))
                {
                    j = names.Count; index[f] = j; names.Add(f); df.Add(0); total.Add(0); seenIn.Add(-1);
                }
                total[j]++;
                if (seenIn[j] != d) { seenIn[j] = d; df[j]++; }
            }
        }
        if (names.Count == 0) throw new ArgumentException("empty vocabulary: the documents hold no features (only stop words, or no words at all)");

        double high = Options.MaxDf.Resolve(n), low = Options.MinDf.Resolve(n);
        if (high < low) throw new ArgumentException("max_df corresponds to fewer documents than min_df");
        var keep = new List<int>();
        for (int j = 0; j < names.Count; j++) if (df[j] <= high && df[j] >= low) keep.Add(j);
        if (Options.MaxFeatures is int limit && keep.Count > limit)
        {
            keep.Sort((a, b) => total[b] != total[a] ? total[b].CompareTo(total[a]) : CodePointComparer.Instance.Compare(names[a], names[b]));
            keep.RemoveRange(limit, keep.Count - limit);
        }
        if (keep.Count == 0) throw new ArgumentException("after pruning, no terms remain; try a lower min_df or a higher max_df");
        keep.Sort((a, b) => CodePointComparer.Instance.Compare(names[a], names[b]));

        FeatureNames = new string[keep.Count];
        Idf = new double[keep.Count];
        _vocabulary = new Dictionary<string, int>(keep.Count, StringComparer.Ordinal);
        for (int c = 0; c < keep.Count; c++)
        {
            int j = keep[c];
            FeatureNames[c] = names[j];
            _vocabulary[names[j]] = c;
            Idf[c] = !Options.UseIdf ? 1.0
                : Options.SmoothIdf ? Math.Log((1.0 + n) / (1.0 + df[j])) + 1.0
                : Math.Log((double)n / df[j]) + 1.0;
        }
        return this;
    }

    private CsrMatrix TransformAnalyzed(List<string>[] documents)
    {
        var vocabulary = _vocabulary ?? throw NotFitted();
        var rowPointers = new int[documents.Length + 1];
        var columns = new List<int>();
        var values = new List<float>();
        var counts = new Dictionary<int, int>();
        var weights = new List<(int Column, double Weight)>();
        for (int d = 0; d < documents.Length; d++)
        {
            counts.Clear();
            foreach (var f in documents[d])
                if (vocabulary.TryGetValue(f, out int c)) counts[c] = counts.GetValueOrDefault(c) + 1;
            weights.Clear();
            foreach (var (c, count) in counts)
            {
                double tf = Options.SublinearTf ? 1.0 + Math.Log(count) : count;
                weights.Add((c, tf * Idf[c]));
            }
            weights.Sort((a, b) => a.Column.CompareTo(b.Column));
            double norm = 0;
            foreach (var (_, w) in weights) norm += Options.Norm == TfidfNorm.L1 ? Math.Abs(w) : w * w;
            if (Options.Norm == TfidfNorm.L2) norm = Math.Sqrt(norm);
            double scale = Options.Norm == TfidfNorm.None || norm == 0 ? 1.0 : 1.0 / norm;
            foreach (var (c, w) in weights) { columns.Add(c); values.Add((float)(w * scale)); }
            rowPointers[d + 1] = columns.Count;
        }
        return new CsrMatrix(documents.Length, FeatureNames.Length, rowPointers, columns.ToArray(), values.ToArray());
    }

    private static InvalidOperationException NotFitted() => new("TfidfVectorizer is not fitted: call Fit first");
}
