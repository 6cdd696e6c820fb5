using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Mini-batch k-means (Sculley 2010) with scikit-learn 1.2's MiniBatchKMeans semantics, for data too large for many full passes.</summary>
/// <remarks>
/// As scikit-learn: <see cref="NInit"/> k-means++ seedings on random subsets of 3·batch rows, the one with the lowest inertia on
/// a separate validation subset kept; max_iter·n/batch steps on batches drawn with replacement; per-centre rates 1/count;
/// centres whose count falls below reassignment_ratio × the largest are moved to random batch rows every 10·k rows seen; the
/// run stops when the smoothed batch inertia (weight 2·batch/(n+1), first step ignored) has not improved for
/// max_no_improvement steps. <see cref="PartialFit"/> takes one batch at a time, so data can be streamed from disk.
/// </remarks>
public sealed class MiniBatchKMeans(int k, int batchSize = 1024, int maxEpochs = 100, int maxNoImprovement = 10, int seed = 0,
    int nInit = 3, double reassignmentRatio = 0.01)
{
    private double[] _weights = [];
    private Random _random = new(seed);
    private double _ewaInertia = double.NaN, _bestEwa = double.PositiveInfinity;
    private int _noImprovement;
    private long _sinceReassign;

    /// <summary>Number of clusters.</summary>
    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");

    /// <summary>Rows per mini-batch.</summary>
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be at least 1, got {batchSize}");

    /// <summary>Seedings tried; the one with the lowest validation inertia is kept.</summary>
    public int NInit { get; } = nInit >= 1 ? nInit : throw new ArgumentOutOfRangeException(nameof(nInit), $"n_init must be at least 1, got {nInit}");

    /// <summary>Where rows are assigned to centres; a cluster-backed assigner gives the same centres bit for bit.</summary>
    public ICentroidAssigner Assigner { get; init; } = LocalCentroidAssigner.Instance;

    /// <summary>Cluster centres, K×d.</summary>
    public float[] Centroids { get; private set; } = [];

    /// <summary>Labels of the rows given to <c>Fit</c>.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Inertia of those rows against the final centres.</summary>
    public double Inertia { get; private set; }

    /// <summary>Mini-batch steps taken (scikit-learn's n_steps_).</summary>
    public int Steps { get; private set; }

    /// <summary>Passes over the data those steps amount to, rounded up (n_iter_).</summary>
    public int Iterations { get; private set; }

    /// <summary>Feature count.</summary>
    public int Features { get; private set; }

    /// <summary>Runs mini-batch steps over the n×d matrix until the smoothed batch inertia stops improving, then labels every row.</summary>
    public MiniBatchKMeans Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        if (K > n) throw new ArgumentOutOfRangeException(nameof(k), $"k = {K} is larger than the number of rows ({n})");
        var xa = x.ToArray();
        Reset();
        int b = Math.Min(BatchSize, n);
        int initSize = Math.Min(n, 3 * b < K ? 3 * K : 3 * b);
        var valid = Gather(xa, n, d, initSize);
        double bestInertia = double.PositiveInfinity;
        float[] best = [];
        for (int run = 0; run < NInit; run++)
        {
            var centres = initSize < n ? KMeansPlusPlus.Seed(Gather(xa, n, d, initSize), initSize, d, K, _random) : KMeansPlusPlus.Seed(xa, n, d, K, _random);
            double inertia = Assign(valid, initSize, d, centres, accumulate: false).Inertia;
            if (inertia < bestInertia) { bestInertia = inertia; best = centres; }
        }
        Centroids = best; _weights = new double[K]; Features = d;
        long maxSteps = (long)maxEpochs * n / b;
        int steps = 0;
        for (long s = 0; s < maxSteps; s++)
        {
            steps++;
            double batchInertia = Step(Gather(xa, n, d, b), b, d);
            if (Converged(s, n, batchInertia / b)) break;
        }
        Steps = steps;
        Iterations = (int)Math.Ceiling((double)steps * b / n);
        var labels = new int[n];
        Assigner.Assign(xa, n, d, Centroids, K, accumulate: false, labels);
        Labels = labels;
        Inertia = Assigner.ExactInertia(xa, n, d, Centroids, labels);
        return this;
    }

    /// <summary>Fits on the rows of an n×d tensor.</summary>
    public MiniBatchKMeans Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Fit, then return <see cref="Labels"/>.</summary>
    public int[] FitPredict(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Labels;

    /// <summary>Nearest fitted centre of every row of the n×d matrix.</summary>
    public int[] Predict(ReadOnlySpan<float> x, int n, int d)
    {
        if (Features == 0) throw new InvalidOperationException("MiniBatchKMeans is not fitted");
        if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        MatrixInput.Check(x, n, d);
        var labels = new int[n];
        Assign(x.ToArray(), n, d, Centroids, accumulate: false, labels);
        return labels;
    }

    /// <summary>Updates the centres with one batch (the first batch also seeds them with k-means++).</summary>
    public MiniBatchKMeans PartialFit(ReadOnlySpan<float> batch, int m, int d)
    {
        MatrixInput.Check(batch, m, d);
        var xa = batch.ToArray();
        if (Centroids.Length == 0)
        {
            if (m < K) throw new ArgumentException($"the first batch needs at least k = {K} rows, got {m}");
            int initSize = Math.Min(m, 3 * BatchSize < K ? 3 * K : 3 * BatchSize);
            Centroids = initSize < m ? KMeansPlusPlus.Seed(Gather(xa, m, d, initSize), initSize, d, K, _random) : KMeansPlusPlus.Seed(xa, m, d, K, _random);
            _weights = new double[K];
            Features = d;
        }
        else if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        Step(xa, m, d);
        Steps++;
        return this;
    }

    private void Reset()
    {
        _random = new Random(seed);
        _weights = []; Centroids = [];
        _ewaInertia = double.NaN; _bestEwa = double.PositiveInfinity; _noImprovement = 0; _sinceReassign = 0; Steps = 0;
    }

    // Rows drawn uniformly with replacement.
    private float[] Gather(float[] x, int n, int d, int count)
    {
        var rows = new float[(long)count * d];
        for (int i = 0; i < count; i++) x.AsSpan(_random.Next(n) * d, d).CopyTo(rows.AsSpan(i * d, d));
        return rows;
    }

    private CentroidSums Assign(float[] x, int m, int d, float[] centres, bool accumulate, int[]? labels = null) =>
        Assigner.Assign(x, m, d, centres, centres.Length / d, accumulate, labels ?? new int[m]);

    // One update; returns the batch inertia against the centres before it.
    private double Step(float[] batch, int m, int d)
    {
        var p = Assign(batch, m, d, Centroids, accumulate: true);
        for (int c = 0; c < K; c++)
        {
            if (p.Counts[c] == 0) continue;
            double old = _weights[c];
            _weights[c] = old + p.Counts[c];
            for (int j = 0; j < d; j++)
                Centroids[c * d + j] = (float)((Centroids[c * d + j] * old + p.Sums[c * d + j]) / _weights[c]);
        }
        _sinceReassign += m;
        bool anyEmpty = Array.IndexOf(_weights, 0.0) >= 0;
        if (reassignmentRatio > 0 && (anyEmpty || _sinceReassign >= 10L * K))
        {
            _sinceReassign = 0;
            Reassign(batch, m, d);
        }
        return p.Inertia;
    }

    // Centres that have gathered almost no rows restart at random batch rows (at most half the batch), with the smallest remaining count.
    private void Reassign(float[] batch, int m, int d)
    {
        double max = 0;
        foreach (double w in _weights) max = Math.Max(max, w);
        var low = new List<int>();
        for (int c = 0; c < K; c++) if (_weights[c] < reassignmentRatio * max) low.Add(c);
        if (low.Count == 0) return;
        if (low.Count > m / 2)
        {
            low.Sort((a, b) => _weights[a] != _weights[b] ? _weights[a].CompareTo(_weights[b]) : a.CompareTo(b));
            low.RemoveRange(m / 2, low.Count - m / 2);
        }
        double floor = double.PositiveInfinity;
        var reassigned = new bool[K];
        foreach (int c in low) reassigned[c] = true;
        for (int c = 0; c < K; c++) if (!reassigned[c]) floor = Math.Min(floor, _weights[c]);
        var order = new int[m];
        for (int i = 0; i < m; i++) order[i] = i;
        for (int i = 0; i < low.Count; i++)
        {
            int j = i + _random.Next(m - i);
            (order[i], order[j]) = (order[j], order[i]);
            batch.AsSpan(order[i] * d, d).CopyTo(Centroids.AsSpan(low[i] * d, d));
            _weights[low[i]] = floor;
        }
    }

    private bool Converged(long step, int n, double batchInertia)
    {
        // The first step's inertia is that of the initial centres.
        if (step == 0) return false;
        double alpha = Math.Min(1.0, Math.Min(BatchSize, n) * 2.0 / (n + 1));
        _ewaInertia = double.IsNaN(_ewaInertia) ? batchInertia : _ewaInertia * (1 - alpha) + batchInertia * alpha;
        if (_ewaInertia < _bestEwa) { _bestEwa = _ewaInertia; _noImprovement = 0; }
        else _noImprovement++;
        return _noImprovement >= maxNoImprovement;
    }
}
