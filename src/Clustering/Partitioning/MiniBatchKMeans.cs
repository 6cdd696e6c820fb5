using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Mini-batch k-means (Sculley 2010) with per-centre learning rates 1/count, for data too large for many full passes.</summary>
/// <remarks><see cref="PartialFit"/> takes one batch at a time, so data can be streamed from disk; <c>Fit</c> samples batches from an in-memory matrix.</remarks>
public sealed class MiniBatchKMeans(int k, int batchSize = 1024, int maxEpochs = 100, int maxNoImprovement = 10, int seed = 0)
{
    private long[] _counts = [];
    private Random _random = new(seed);
    private double _ewaInertia = double.NaN, _bestEwa = double.PositiveInfinity;
    private int _noImprovement;

    /// <summary>Number of clusters.</summary>
    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");

    /// <summary>Cluster centres, K×d.</summary>
    public float[] Centroids { get; private set; } = [];

    /// <summary>Labels of the rows given to <c>Fit</c>.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Inertia of those rows against the final centres.</summary>
    public double Inertia { get; private set; }

    /// <summary>Mini-batch steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>Feature count.</summary>
    public int Features { get; private set; }

    /// <summary>Runs mini-batch steps over the n×d matrix until the smoothed batch inertia stops improving, then labels every row.</summary>
    public MiniBatchKMeans Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        if (K > n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {K} is larger than the number of rows ({n})");
        var xa = x.ToArray();
        Reset();
        int b = Math.Min(batchSize, n);
        Initialise(xa, n, d, Math.Min(n, Math.Max(3 * b, K)));
        long maxSteps = Math.Max(1, (long)maxEpochs * n / b);
        var batch = new float[b * d];
        for (long s = 0; s < maxSteps; s++)
        {
            for (int i = 0; i < b; i++) xa.AsSpan(_random.Next(n) * d, d).CopyTo(batch.AsSpan(i * d, d));
            if (Step(batch, b, d)) break;
        }
        var norms = new float[n];
        SquaredDistances.RowNorms(xa, n, d, norms);
        var labels = new int[n];
        CentroidAssignment.Assign(xa, norms, n, d, Centroids, K, labels, new float[n], accumulate: false);
        Labels = labels;
        Inertia = CentroidAssignment.ExactInertia(xa, n, d, Centroids, labels);
        return this;
    }

    /// <summary>Fits on the rows of an n×d tensor.</summary>
    public MiniBatchKMeans Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Updates the centres with one batch (the first batch also seeds them with k-means++).</summary>
    public MiniBatchKMeans PartialFit(ReadOnlySpan<float> batch, int m, int d)
    {
        MatrixInput.Check(batch, m, d);
        var xa = batch.ToArray();
        if (Centroids.Length == 0)
        {
            if (m < K) throw new ArgumentException($"the first batch needs at least k = {K} rows, got {m}");
            Initialise(xa, m, d, m);
        }
        else if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        Step(xa, m, d);
        return this;
    }

    private void Reset()
    {
        _random = new Random(seed);
        _counts = [];
        Centroids = [];
        _ewaInertia = double.NaN; _bestEwa = double.PositiveInfinity; _noImprovement = 0; Steps = 0;
    }

    private void Initialise(float[] x, int n, int d, int sampleSize)
    {
        var sample = new float[sampleSize * d];
        for (int i = 0; i < sampleSize; i++) x.AsSpan(_random.Next(n) * d, d).CopyTo(sample.AsSpan(i * d, d));
        Centroids = KMeansPlusPlus.Seed(sample, sampleSize, d, K, _random);
        _counts = new long[K];
        Features = d;
    }

    // One update; returns true when the smoothed inertia has not improved for maxNoImprovement steps.
    private bool Step(float[] batch, int m, int d)
    {
        var norms = new float[m];
        SquaredDistances.RowNorms(batch, m, d, norms);
        var labels = new int[m];
        var p = CentroidAssignment.Assign(batch, norms, m, d, Centroids, K, labels, new float[m], accumulate: true);
        for (int c = 0; c < K; c++)
        {
            if (p.Counts[c] == 0) continue;
            _counts[c] += p.Counts[c];
            double rate = 1.0 / _counts[c];
            for (int j = 0; j < d; j++)
            {
                double centre = Centroids[c * d + j];
                // Moving average: c ← c + (Σx − m_c·c)/count.
                Centroids[c * d + j] = (float)(centre + (p.Sums[c * d + j] - p.Counts[c] * centre) * rate);
            }
        }
        Steps++;
        double batchInertia = p.Inertia / m;
        // Exponentially weighted over roughly the last ten batches; a single noisy batch cannot stop the run.
        const double alpha = 0.2;
        _ewaInertia = double.IsNaN(_ewaInertia) ? batchInertia : _ewaInertia * (1 - alpha) + batchInertia * alpha;
        if (_ewaInertia < _bestEwa) { _bestEwa = _ewaInertia; _noImprovement = 0; }
        else _noImprovement++;
        return _noImprovement >= maxNoImprovement;
    }
}
