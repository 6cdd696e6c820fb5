namespace MusicCluster.Clustering.Manifold;

/// <summary>How <see cref="Tsne"/> computes affinities and gradients.</summary>
public enum TsneMethod
{
    /// <summary>Sparse P on 3·perplexity nearest neighbours, quadtree repulsion (2-D output only).</summary>
    BarnesHut,
    /// <summary>Dense P and Q: O(n²) memory and time per iteration, for n up to a few thousand.</summary>
    Exact,
    /// <summary>Sparse P as Barnes–Hut, repulsion by interpolation on a grid and FFT convolution (FIt-SNE; 2-D output only): O(n) per iteration.</summary>
    FftInterpolation,
    /// <summary>Barnes–Hut below <see cref="Tsne.FftFromRows"/> rows, FFT interpolation from there on.</summary>
    Auto,
}
