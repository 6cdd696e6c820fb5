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

    /// <summary>At most this many patches per track go into training (evenly spaced), to bound epoch time.</summary>
    public int MaxPatchesPerTrack { get; set; } = 4;

    /// <summary>Seconds of each track to analyse from its start; null analyses the whole file.</summary>
    public double? ExcerptSeconds { get; set; } = 30;
}

/// <summary>Lyrics TF-IDF and its SVD embedding.</summary>
public sealed class LyricsConfig
{
    public int SvdComponents { get; set; } = 32;
    public int NGramMax { get; set; } = 1;
    public int MinDf { get; set; } = 1;
    public bool SublinearTf { get; set; } = true;
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
}

/// <summary>Easy: MLP VAE on standardised spectral statistics vs PCA of the same dimension.</summary>
public sealed class EasyConfig : TrainingConfig
{
    public EasyConfig() { Epochs = 60; }
    public int[] Hidden { get; set; } = [64];
    public int Latent { get; set; } = 8;
}

/// <summary>Medium: conv VAE on log-mel patches, lyrics embedding, hybrids and the α sweep.</summary>
public sealed class MediumConfig : TrainingConfig
{
    /// <summary>Epoch count and batch chosen so that <c>run all</c> with three seeds stays under ten minutes on two cores.</summary>
    public MediumConfig() { Epochs = 10; Batch = 16; }
    public int[] Channels { get; set; } = [32, 64, 128];
    public int Latent { get; set; } = 16;
    public double[] Alphas { get; set; } = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
}

/// <summary>Hard: Beta-VAE and autoencoder on log-mel patches and seven representations.</summary>
public sealed class HardConfig : TrainingConfig
{
    /// <summary>Two models per seed: fewer epochs than Medium to keep <c>run all</c> under ten minutes on two cores.</summary>
    public HardConfig() { Epochs = 8; Batch = 16; }
    public int[] Channels { get; set; } = [32, 64, 128];
    public int Latent { get; set; } = 16;
    public double Beta { get; set; } = 0.1;
    public int PcaComponents { get; set; } = 16;

    /// <summary>Weight of the genre one-hot block in "hybrid + genre": at 1, two genres lie as far apart as two typical tracks of the hybrid.</summary>
    public double GenreWeight { get; set; } = 1.0;
}
