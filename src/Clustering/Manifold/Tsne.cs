using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.Decomposition;

namespace MusicCluster.Clustering.Manifold;

/// <summary>t-SNE (van der Maaten 2014) with scikit-learn 1.2's defaults: PCA initialisation, learning rate "auto", early exaggeration 12 for 250 iterations.</summary>
/// <remarks>
/// Barnes–Hut: P on ⌊3·perplexity + 1⌋ vantage-point-tree neighbours, quadtree repulsion with angle θ; FFT interpolation: the same P,
/// repulsion on an interpolation grid (FIt-SNE), chosen by <see cref="TsneMethod.Auto"/> from <see cref="FftFromRows"/> rows; exact: dense P and Q.
/// Momentum 0.5 then 0.8, gains +0.2 / ×0.8 with minimum 0.01. Forces are computed per point in fixed chunks on all cores,
/// so the same seed gives the same embedding bit for bit.
/// </remarks>
public sealed class Tsne(int components = 2, double perplexity = 30.0, TsneMethod method = TsneMethod.Auto,
    double theta = 0.5, int maxIterations = 1000, double earlyExaggeration = 12.0, double? learningRate = null, int seed = 0)
{
    private const int ExplorationIterations = 250;
    private const int CheckEvery = 50;
    private const double MinGain = 0.01, MinGradNorm = 1e-7;

    /// <summary>Rows from which <see cref="TsneMethod.Auto"/> picks FFT interpolation over Barnes–Hut.</summary>
    public const int FftFromRows = 20_000;

    /// <summary>Output dimensions.</summary>
    public int Components { get; } = components >= 1 ? components : throw new ArgumentOutOfRangeException(nameof(components), "need at least one output dimension");

    /// <summary>The embedding, n×Components row-major.</summary>
    public float[] Embedding { get; private set; } = [];

    /// <summary>KL(P‖Q) of the final embedding.</summary>
    public double KlDivergence { get; private set; }

    /// <summary>Iterations run.</summary>
    public int Iterations { get; private set; }

    /// <summary>Method used (Auto resolved).</summary>
    public TsneMethod MethodUsed { get; private set; }

    /// <summary>Learning rate used (after resolving "auto").</summary>
    public double LearningRateUsed { get; private set; }

    /// <summary>Receives the share of the iterations done (0–1) during Fit, every few iterations, for a progress display; null for none.</summary>
    public Action<double>? Progress { get; init; }

    /// <summary>Embeds the n×d matrix.</summary>
    public Tsne Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d, minRows: 2);
        if (perplexity <= 0 || perplexity >= n) throw new ArgumentOutOfRangeException(nameof(perplexity), $"perplexity must be in (0, n) = (0, {n}), got {perplexity}");
        var used = method == TsneMethod.Auto ? (n >= FftFromRows ? TsneMethod.FftInterpolation : TsneMethod.BarnesHut) : method;
        if (used != TsneMethod.Exact && Components != 2) throw new ArgumentException($"{used} t-SNE supports 2 output dimensions; use the exact method for others");
        MethodUsed = used;
        var xa = x.ToArray();
        var p = used != TsneMethod.Exact ? TsneAffinities.Sparse(xa, n, d, perplexity, seed) : TsneAffinities.Dense(xa, n, d, perplexity);
        var y = Initialise(xa, n, d);
        LearningRateUsed = learningRate ?? Math.Max(n / earlyExaggeration / 4, 50);
        var gradient = new TsneGradient(p, n, Components, used, theta);

        for (int q = 0; q < p.Values.Length; q++) p.Values[q] *= earlyExaggeration;
        int it = Optimise(gradient, y, 0, Math.Min(ExplorationIterations, maxIterations), 0.5, ExplorationIterations);
        for (int q = 0; q < p.Values.Length; q++) p.Values[q] /= earlyExaggeration;
        if (maxIterations > ExplorationIterations) it = Optimise(gradient, y, it + 1, maxIterations, 0.8, 300);

        KlDivergence = gradient.Compute(y, new double[y.Length], computeError: true);
        Iterations = it + 1;
        Progress?.Invoke(1);
        var emb = new float[y.Length];
        for (int i = 0; i < y.Length; i++) emb[i] = (float)y[i];
        Embedding = emb;
        return this;
    }

    /// <summary>Embeds the rows of an n×d tensor.</summary>
    public Tsne Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Fit, then return <see cref="Embedding"/>.</summary>
    public float[] FitTransform(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Embedding;

    // PCA projection rounded to float32 and scaled so the first coordinate has standard deviation 1e-4 (scikit-learn's "pca" init).
    private double[] Initialise(float[] x, int n, int d)
    {
        int c = Components;
        float[] proj;
        if (Math.Min(n, d) >= c) proj = new Pca(c, PcaSolver.Auto, seed).FitTransform(x, n, d);
        else
        {
            var g = new LinearAlgebra.GaussianRandom(seed);
            proj = new float[n * c];
            for (int i = 0; i < proj.Length; i++) proj[i] = (float)g.Next();
        }
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) mean += proj[i * c];
        mean /= n;
        for (int i = 0; i < n; i++) { double t = proj[i * c] - mean; sq += t * t; }
        double std = Math.Sqrt(sq / n);
        if (std == 0) std = 1;
        var y = new double[n * c];
        for (int i = 0; i < y.Length; i++) y[i] = proj[i] / std * 1e-4;
        return y;
    }

    // One stage of scikit-learn's _gradient_descent: fresh update and gains, fixed momentum.
    private int Optimise(TsneGradient gradient, double[] y, int start, int end, double momentum, int withoutProgress)
    {
        var grad = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        double bestError = double.PositiveInfinity;
        int bestIter = start, i = start;
        for (; i < end; i++)
        {
            if (Progress is not null && i % 10 == 0) Progress((double)i / maxIterations);
            bool check = (i + 1) % CheckEvery == 0;
            double error = gradient.Compute(y, grad, computeError: check || i == end - 1);
            double norm = 0;
            for (int q = 0; q < y.Length; q++)
            {
                double g = grad[q];
                gains[q] = update[q] * g < 0 ? gains[q] + 0.2 : Math.Max(gains[q] * 0.8, MinGain);
                g *= gains[q];
                update[q] = momentum * update[q] - LearningRateUsed * g;
                y[q] += update[q];
                // scikit-learn tests min_grad_norm on the gain-scaled gradient.
                norm += g * g;
            }
            if (check)
            {
                if (error < bestError) { bestError = error; bestIter = i; }
                else if (i - bestIter > withoutProgress) break;
                if (Math.Sqrt(norm) <= MinGradNorm) break;
            }
        }
        return Math.Min(i, end - 1);
    }
}
