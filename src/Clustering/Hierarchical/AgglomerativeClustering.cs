using MusicCluster.Clustering.Common;
using MusicCluster.Tensors;
namespace MusicCluster.Clustering.Hierarchical;

/// <summary>Ward agglomerative clustering into <see cref="K"/> flat clusters (scikit-learn's AgglomerativeClustering with linkage='ward').</summary>
public sealed class AgglomerativeClustering(int k)
{
    /// <summary>Number of flat clusters.</summary>
    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");

    /// <summary>The full dendrogram from the last Fit.</summary>
    public LinkageMatrix? Linkage { get; private set; }

    /// <summary>Flat cluster of every row, 0..K−1.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Receives the share of the linkage work done (0–1) during Fit, for a progress display; null for none.</summary>
    public Action<double>? Progress { get; init; }

    /// <summary>Builds the Ward dendrogram and cuts it into K clusters.</summary>
    public AgglomerativeClustering Fit(ReadOnlySpan<float> x, int n, int d)
    {
        if (K > n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {K} is larger than the number of rows ({n})");
        Linkage = WardLinkage.Fit(x, n, d, Progress);
        Labels = Linkage.Cut(K);
        return this;
    }

    /// <summary>Clusters the rows of an n×d tensor.</summary>
    public AgglomerativeClustering Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Fit, then return <see cref="Labels"/>.</summary>
    public int[] FitPredict(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Labels;
}
