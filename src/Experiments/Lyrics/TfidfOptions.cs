namespace MusicCluster.Experiments.Lyrics;

/// <summary>What a TF-IDF feature is: word n-grams, or character n-grams inside word boundaries.</summary>
public enum TfidfAnalyzer
{
    /// <summary>Word n-grams of <see cref="LyricsTokenizer"/> tokens, stop words removed first (sklearn analyzer='word').</summary>
    Word,

    /// <summary>Grapheme n-grams within each token padded by one space on both sides (sklearn analyzer='char_wb',
    /// counting grapheme clusters instead of code points; the two agree on text without combining marks).</summary>
    CharWb,
}

/// <summary>Row normalisation applied after weighting.</summary>
public enum TfidfNorm
{
    /// <summary>Each row scaled to unit Euclidean length (sklearn's default).</summary>
    L2,

    /// <summary>Each row scaled so its absolute values sum to one.</summary>
    L1,

    /// <summary>No normalisation.</summary>
    None,
}

/// <summary>A document-frequency bound: an absolute number of documents, or a fraction of them (sklearn's int vs float).</summary>
public readonly record struct DfLimit(double Value, bool IsFraction)
{
    /// <summary>A bound counted in documents.</summary>
    public static DfLimit Documents(int count) => count < 0 ? throw new ArgumentOutOfRangeException(nameof(count), "a document count must be >= 0") : new(count, false);

    /// <summary>A bound as a fraction of the documents, in [0, 1].</summary>
    public static DfLimit Fraction(double fraction) => fraction is >= 0 and <= 1 ? new(fraction, true) : throw new ArgumentOutOfRangeException(nameof(fraction), "a fraction must lie in [0, 1]");

    internal double Resolve(int documents) => IsFraction ? Value * documents : Value;
}

/// <summary>Settings of <see cref="TfidfVectorizer"/>; the defaults are scikit-learn's except for the stop words.</summary>
public sealed record TfidfOptions
{
    /// <summary>Word or character n-grams.</summary>
    public TfidfAnalyzer Analyzer { get; init; } = TfidfAnalyzer.Word;

    /// <summary>Smallest n-gram length.</summary>
    public int NGramMin { get; init; } = 1;

    /// <summary>Largest n-gram length.</summary>
    public int NGramMax { get; init; } = 1;

    /// <summary>Tokens dropped before word n-grams are formed (ignored for <see cref="TfidfAnalyzer.CharWb"/>); null keeps all.</summary>
    public IReadOnlySet<string>? StopWords { get; init; } = Lyrics.StopWords.EnglishAndBangla;

    /// <summary>Features in fewer documents than this are dropped (sklearn min_df; default 1 document).</summary>
    public DfLimit MinDf { get; init; } = DfLimit.Documents(1);

    /// <summary>Features in more documents than this are dropped (sklearn max_df; default all of them).</summary>
    public DfLimit MaxDf { get; init; } = DfLimit.Fraction(1.0);

    /// <summary>Keep only this many features with the largest total count; ties go to the earlier feature name.</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Weight idf at all (sklearn use_idf).</summary>
    public bool UseIdf { get; init; } = true;

    /// <summary>idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1, as if one extra document held every term.</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>Replace a count tf by 1 + ln(tf).</summary>
    public bool SublinearTf { get; init; }

    /// <summary>Row normalisation.</summary>
    public TfidfNorm Norm { get; init; } = TfidfNorm.L2;

    internal void Validate()
    {
        if (NGramMin < 1 || NGramMax < NGramMin) throw new ArgumentException($"n-gram range ({NGramMin}, {NGramMax}) is invalid: need 1 <= min <= max");
        if (MaxFeatures is <= 0) throw new ArgumentException($"MaxFeatures must be positive, got {MaxFeatures}");
    }
}
