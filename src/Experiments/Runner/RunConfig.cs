namespace MusicCluster.Experiments.Runner;

/// <summary>Every knob of <c>musiccluster run</c>, with its default; serialised as the JSON that <c>config --print</c> shows.</summary>
/// <remarks>Mutable classes rather than records so that a JSON file and <c>--set path=value</c> can override single fields.</remarks>
public sealed class RunConfig
{
    /// <summary>First seed; seed i of a task is <c>Seed + i</c>.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many seeds every model and clustering is repeated with (figures are mean ± std over them).</summary>
    public int Seeds { get; set; } = 3;

    /// <summary>cpu, gpu, auto, or gpu-cpu-accelerator (the ILGPU backend without a GPU, for tests).</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>True when the quick profile (few epochs, one seed, small demo corpus) was applied.</summary>
    public bool Quick { get; set; }

    public DemoCorpusConfig Corpus { get; set; } = new();
    public FeatureConfig Features { get; set; } = new();
    public LyricsConfig Lyrics { get; set; } = new();
    public BlockWeights Blocks { get; set; } = new();
    public ClusteringConfig Clustering { get; set; } = new();
    public EasyConfig Easy { get; set; } = new();
    public MediumConfig Medium { get; set; } = new();
    public HardConfig Hard { get; set; } = new();
}

/// <summary>The built-in demo corpus used when no <c>--data</c> is given.</summary>
public sealed class DemoCorpusConfig
{
    public int Tracks { get; set; } = 120;
    public double Seconds { get; set; } = 10;
    public int Seed { get; set; } = 7;
}

/// <summary>Audio analysis settings shared by every task.</summary>
public sealed class FeatureConfig
{
    public int SampleRate { get; set; } = 22050;
    public int NFft { get; set; } = 2048;
    public int HopLength { get; set; } = 512;
    public int NMels { get; set; } = 64;
    public int NMfcc { get; set; } = 20;
    public double FMin { get; set; }

    /// <summary>Upper mel edge in Hz; null means half the sample rate.</summary>
    public double? FMax { get; set; }

    /// <summary>Frames per log-mel patch (patch height is <see cref="NMels"/>).</summary>
    public int PatchFrames { get; set; } = 64;

    /// <summary>At most this many patches per track go into training (evenly spaced); null trains on every patch.</summary>
    public int? MaxPatchesPerTrack { get; set; }

    /// <summary>Above this many tracks the patches stay in a feature store on disk (under the cache folder) and the conv models
    /// train on them streamed, in bounded memory; at or below it they are held in memory (faster for small collections).</summary>
    public int StreamAboveTracks { get; set; } = 2000;

    /// <summary>Seconds of each track to analyse from its start; null analyses the whole file.</summary>
    public double? ExcerptSeconds { get; set; } = 30;

    /// <summary>Decoder of compressed audio (<c>--decoder</c>): auto (managed where one exists, else ffmpeg), managed or ffmpeg.</summary>
    public string Decoder { get; set; } = "auto";
}

/// <summary>Weights of the blocks a representation is built from: each block is first scaled to unit total variance, then
/// multiplied by its weight (0 leaves the block out). Audio descriptor groups, then the audio and lyrics sides of a hybrid.</summary>
public sealed class BlockWeights
{
    public double Mfcc { get; set; } = 1;
    public double MfccDelta { get; set; } = 1;
    public double Contrast { get; set; } = 1;
    public double Chroma { get; set; } = 1;
    public double Shape { get; set; } = 1;
    public double Rhythm { get; set; } = 1;
    public double Modulation { get; set; } = 1;

    /// <summary>The mean and std of every log-mel band.</summary>
    public double Logmel { get; set; } = 1;

    /// <summary>The audio block of a hybrid.</summary>
    public double Audio { get; set; } = 1;

    /// <summary>The lyrics block of a hybrid.</summary>
    public double Lyrics { get; set; } = 1;

    /// <summary>The weight of a descriptor group by its name (<see cref="Dsp.Descriptors.Groups"/>).</summary>
    public double Of(string group) => group switch
    {
        "mfcc" => Mfcc, "mfcc_delta" => MfccDelta, "contrast" => Contrast, "chroma" => Chroma, "shape" => Shape,
        "rhythm" => Rhythm, "modulation" => Modulation, "logmel" => Logmel,
        _ => throw new ArgumentException($"no descriptor group '{group}'"),
    };

    /// <summary>Every weight with its configuration name.</summary>
    public IEnumerable<(string Name, double Value)> All() =>
        [("mfcc", Mfcc), ("mfccDelta", MfccDelta), ("contrast", Contrast), ("chroma", Chroma), ("shape", Shape), ("rhythm", Rhythm),
         ("modulation", Modulation), ("logmel", Logmel), ("audio", Audio), ("lyrics", Lyrics)];
}

/// <summary>Lyrics TF-IDF and its SVD embedding (scikit-learn's LSA: TF-IDF → truncated SVD → L2-normalised rows).</summary>
public sealed class LyricsConfig
{
    public int SvdComponents { get; set; } = 32;

    /// <summary>"word" (word n-grams) or "char_wb" (character n-grams inside word boundaries).</summary>
    public string Analyzer { get; set; } = "word";

    /// <summary>Drop English and Bangla function words before word n-grams. Off by default, as in sklearn: those words are
    /// what texts of one language share, so removing them hides the language a lyrics clustering should find.</summary>
    public bool StopWords { get; set; }

    /// <summary>Smallest n-gram; null means 1 for word and 2 for char_wb.</summary>
    public int? NGramMin { get; set; }

    /// <summary>Largest n-gram; null means 1 for word and 4 for char_wb.</summary>
    public int? NGramMax { get; set; }

    public int MinDf { get; set; } = 1;
    public bool SublinearTf { get; set; } = true;

    /// <summary>The n-gram range in effect for <see cref="Analyzer"/>.</summary>
    public (int Min, int Max) NGramRange => Analyzer == "char_wb" ? (NGramMin ?? 2, NGramMax ?? 4) : (NGramMin ?? 1, NGramMax ?? 1);
}

/// <summary>Clustering settings shared by the tasks.</summary>
public sealed class ClusteringConfig
{
    /// <summary>Clusters for K-Means and Ward; null means the number of reference classes (genres, else languages), and
    /// without labels the k of <see cref="AutoKMin"/>..<see cref="AutoKMax"/> with the best silhouette.</summary>
    public int? K { get; set; }

    /// <summary>Pick k by silhouette even when the manifest has labels (<c>--k auto</c>); ignored when <see cref="K"/> is set.</summary>
    public bool AutoK { get; set; }

    /// <summary>Smallest k of the silhouette sweep.</summary>
    public int AutoKMin { get; set; } = 2;

    /// <summary>Largest k of the silhouette sweep (capped at the number of tracks − 1).</summary>
    public int AutoKMax { get; set; } = 10;

    public int KMeansNInit { get; set; } = 10;

    /// <summary>Rows above which K-Means is mini-batch K-Means (scikit-learn's MiniBatchKMeans semantics); null never switches.</summary>
    public int? MiniBatchKMeansAbove { get; set; } = 50_000;

    /// <summary>Silhouette on a seeded sample of this many rows when there are more (scikit-learn's sample_size); null never samples.</summary>
    public int? SilhouetteSampleSize { get; set; } = 10_000;

    /// <summary>DBSCAN radius; null picks it from the k-distance knee of each representation.</summary>
    public double? DbscanEps { get; set; }

    public int DbscanMinSamples { get; set; } = 5;
    public double TsnePerplexity { get; set; } = 30;
}

/// <summary>Training settings common to every model.</summary>
public class TrainingConfig
{
    public int Epochs { get; set; }
    public int Batch { get; set; } = 32;
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Epochs of linear KL warm-up (β from 0 to its value); 0 disables it.</summary>
    public int KlWarmupEpochs { get; set; }

    /// <summary>Share of the samples held out (fixed by the seed) for validation, early stopping and the reconstruction report.</summary>
    public double ValidationFraction { get; set; } = 0.15;

    /// <summary>Stop after this many epochs without a better validation loss and keep the best weights; 0 trains every epoch.</summary>
    public int Patience { get; set; } = 3;
}

/// <summary>Easy: MLP VAE on standardised spectral statistics vs PCA of the same dimension.</summary>
public sealed class EasyConfig : TrainingConfig
{
    public EasyConfig() { Epochs = 80; Patience = 10; }
    public int[] Hidden { get; set; } = [64];
    public int Latent { get; set; } = 8;
}

/// <summary>Medium: conv VAE on log-mel patches, lyrics embedding, hybrids and the α sweep.</summary>
public sealed class MediumConfig : TrainingConfig
{
    /// <summary>An epoch budget (early stopping usually ends sooner) that keeps <c>run all</c> on the demo corpus, every patch of every track, within 3 minutes on two cores.</summary>
    public MediumConfig() { Epochs = 12; Batch = 16; }
    public int[] Channels { get; set; } = [32, 64, 128];
    public int Latent { get; set; } = 16;
    public double[] Alphas { get; set; } = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
}

/// <summary>Hard: Beta-VAE and autoencoder on log-mel patches and seven representations.</summary>
public sealed class HardConfig : TrainingConfig
{
    /// <summary>Two models per seed: fewer epochs than Medium to keep <c>run all</c> on the demo corpus within 3 minutes on two cores.</summary>
    public HardConfig() { Epochs = 8; Batch = 16; }
    public int[] Channels { get; set; } = [32, 64, 128];
    public int Latent { get; set; } = 16;
    public double Beta { get; set; } = 0.1;
    public int PcaComponents { get; set; } = 16;

    /// <summary>Weight of the genre one-hot block in "hybrid + genre": at 1, two genres lie as far apart as two typical tracks of the hybrid.</summary>
    public double GenreWeight { get; set; } = 1.0;
}
