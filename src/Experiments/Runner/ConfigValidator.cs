using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Runner;

/// <summary>Range checks on a resolved configuration, each failure naming the setting.</summary>
public static class ConfigValidator
{
    /// <summary>Throws <see cref="UserInputException"/> at the first value out of range.</summary>
    public static void Validate(RunConfig c)
    {
        Positive(c.Seeds, "seeds");
        if (c.Device is not ("cpu" or "gpu" or "auto" or "gpu-cpu-accelerator")) Fail("device", $"'{c.Device}' is not cpu, gpu, auto or gpu-cpu-accelerator");
        Positive(c.Corpus.Tracks, "corpus.tracks");
        if (!(c.Corpus.Seconds > 0)) Fail("corpus.seconds", "must be > 0");
        var f = c.Features;
        Positive(f.SampleRate, "features.sampleRate");
        Positive(f.NFft, "features.nFft");
        Positive(f.HopLength, "features.hopLength");
        if (f.NMels < 8 || f.NMels % 8 != 0) Fail("features.nMels", "must be a positive multiple of 8 (the conv VAE halves it three times)");
        if (f.PatchFrames < 8 || f.PatchFrames % 8 != 0) Fail("features.patchFrames", "must be a positive multiple of 8");
        Positive(f.NMfcc, "features.nMfcc");
        if (f.NMfcc > f.NMels) Fail("features.nMfcc", $"must be at most features.nMels ({f.NMels}): the MFCCs are a DCT of the mel bands, got {f.NMfcc}");
        if (f.StreamAboveTracks < 0) Fail("features.streamAboveTracks", $"must be >= 0 (0 streams every collection), got {f.StreamAboveTracks}");
        if (f.MaxPatchesPerTrack is <= 0) Fail("features.maxPatchesPerTrack", "must be > 0 or null (every patch)");
        foreach (var (name, w) in c.Blocks.All()) if (!(w >= 0) || double.IsInfinity(w)) Fail("blocks." + name, $"must be a finite number >= 0, got {w}");
        if (c.Blocks.All().Take(8).All(b => b.Value == 0)) Fail("blocks", "every audio descriptor weight is 0");
        if (f.ExcerptSeconds is <= 0) Fail("features.excerptSeconds", "must be > 0 or null");
        if (!DecoderChoices.TryParse(f.Decoder, out _)) Fail("features.decoder", $"'{f.Decoder}' is not managed, ffmpeg or auto");
        Positive(c.Lyrics.SvdComponents, "lyrics.svdComponents");
        if (c.Lyrics.Analyzer is not ("word" or "char_wb")) Fail("lyrics.analyzer", $"'{c.Lyrics.Analyzer}' is not word or char_wb");
        var (nMin, nMax) = c.Lyrics.NGramRange;
        Positive(nMin, "lyrics.nGramMin");
        if (nMax < nMin) Fail("lyrics.nGramMax", $"must be >= lyrics.nGramMin ({nMin}), got {nMax}");
        Positive(c.Lyrics.MinDf, "lyrics.minDf");
        if (c.Clustering.K is < 2) Fail("clustering.k", "must be at least 2 or null");
        if (c.Clustering.AutoKMin < 2) Fail("clustering.autoKMin", $"must be at least 2, got {c.Clustering.AutoKMin}");
        if (c.Clustering.AutoKMax < c.Clustering.AutoKMin) Fail("clustering.autoKMax", $"must be at least clustering.autoKMin ({c.Clustering.AutoKMin}), got {c.Clustering.AutoKMax}");
        Positive(c.Clustering.KMeansNInit, "clustering.kMeansNInit");
        if (c.Clustering.MiniBatchKMeansAbove is < 1) Fail("clustering.miniBatchKMeansAbove", "must be >= 1 or null");
        if (c.Clustering.SilhouetteSampleSize is < 2) Fail("clustering.silhouetteSampleSize", "must be >= 2 or null");
        if (c.Clustering.DbscanEps is <= 0) Fail("clustering.dbscanEps", "must be > 0 or null");
        Positive(c.Clustering.DbscanMinSamples, "clustering.dbscanMinSamples");
        if (!(c.Clustering.TsnePerplexity > 0)) Fail("clustering.tsnePerplexity", "must be > 0");
        Training(c.Easy, "easy");
        Training(c.Medium, "medium");
        Training(c.Hard, "hard");
        Positive(c.Easy.Latent, "easy.latent");
        foreach (int h in c.Easy.Hidden) Positive(h, "easy.hidden");
        Positive(c.Medium.Latent, "medium.latent");
        Positive(c.Hard.Latent, "hard.latent");
        if (c.Medium.Channels.Length != 3) Fail("medium.channels", "needs exactly three channel counts");
        if (c.Hard.Channels.Length != 3) Fail("hard.channels", "needs exactly three channel counts");
        foreach (int ch in c.Medium.Channels) Positive(ch, "medium.channels");
        foreach (int ch in c.Hard.Channels) Positive(ch, "hard.channels");
        if (c.Medium.Alphas.Length == 0) Fail("medium.alphas", "needs at least one value");
        foreach (double a in c.Medium.Alphas) if (!(a >= 0 && a <= 1)) Fail("medium.alphas", $"{a} is outside [0, 1]");
        if (!(c.Hard.Beta >= 0)) Fail("hard.beta", "must be >= 0");
        Positive(c.Hard.PcaComponents, "hard.pcaComponents");
        if (!(c.Hard.GenreWeight >= 0)) Fail("hard.genreWeight", "must be >= 0");
    }

    private static void Training(TrainingConfig t, string name)
    {
        Positive(t.Epochs, name + ".epochs");
        Positive(t.Batch, name + ".batch");
        if (!(t.LearningRate > 0)) Fail(name + ".learningRate", "must be > 0");
        if (t.KlWarmupEpochs < 0) Fail(name + ".klWarmupEpochs", "must be >= 0");
        if (!(t.ValidationFraction >= 0 && t.ValidationFraction < 0.9)) Fail(name + ".validationFraction", $"must be in [0, 0.9), got {t.ValidationFraction}");
        if (t.Patience < 0) Fail(name + ".patience", "must be >= 0");
        if (t.Patience > 0 && t.ValidationFraction == 0) Fail(name + ".patience", "early stopping needs a validationFraction > 0");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) Fail(name, $"must be > 0, got {value}");
    }

    private static void Fail(string name, string why) => throw new UserInputException($"configuration: {name} {why}");
}
