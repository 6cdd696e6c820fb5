using System.Diagnostics;
using MusicCluster.Autograd;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Training;

/// <summary>Mini-batch training of a VAE: seeded shuffling, KL warm-up, validation with early stopping, gradient clipping.</summary>
/// <remarks>
/// All state that influences the next epoch (weights, optimizer moments, both generators, the epoch counter and the
/// early-stopping record) is saved by <c>Checkpoint.SaveTraining</c>, so a resumed run is bit-identical to an
/// uninterrupted one.
/// </remarks>
public sealed class Trainer
{
    /// <summary>A trainer of <paramref name="model"/> with <paramref name="optimizer"/> (built over the model's parameters).</summary>
    public Trainer(VaeModel model, Optimizer<float> optimizer, TrainerOptions options)
    {
        options.Validate();
        Model = model;
        Optimizer = optimizer;
        Options = options;
        ShuffleRng = new SeededRandom(options.Seed, stream: 2);
    }

    public VaeModel Model { get; }
    public Optimizer<float> Optimizer { get; }
    public TrainerOptions Options { get; }

    /// <summary>The generator of the per-epoch shuffles.</summary>
    public SeededRandom ShuffleRng { get; }

    /// <summary>Epochs finished so far (the next epoch is this + 1).</summary>
    public int CompletedEpochs { get; internal set; }

    /// <summary>The best validation loss so far (∞ before the first).</summary>
    public double BestValidationLoss { get; internal set; } = double.PositiveInfinity;

    /// <summary>The epoch of <see cref="BestValidationLoss"/> (0 before the first).</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Whether early stopping ended the run.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>A copy of the weights of the best epoch, kept while early stopping is enabled.</summary>
    internal Dictionary<string, Tensor<float>>? BestState { get; set; }

    /// <summary>Trains on <paramref name="data"/> [N, …] until <see cref="TrainerOptions.Epochs"/> or early stopping; returns this run's reports.</summary>
    public IReadOnlyList<EpochReport> Fit(Tensor<float> data, Action<EpochReport>? progress = null)
    {
        var host = data.ToCpu().Contiguous();
        int n = host.Shape[0];
        var (train, validation) = Split(n);
        if (train.Length == 0) throw new ArgumentException($"no training samples: {n} samples with validation fraction {Options.ValidationFraction}");
        int sampleLength = host.Length / Math.Max(n, 1);
        var sampleShape = host.Shape[1..];
        var reports = new List<EpochReport>();

        while (CompletedEpochs < Options.Epochs && !StoppedEarly)
        {
            int epoch = CompletedEpochs + 1;
            var clock = Stopwatch.StartNew();
            double beta = Options.KlWarmupEpochs > 0 ? Model.Beta * Math.Min(1.0, (double)epoch / Options.KlWarmupEpochs) : Model.Beta;
            // Shuffle a fresh copy of the sorted rows: the order then depends on the generator state alone (resumable).
            var order = (int[])train.Clone();
            ShuffleRng.Shuffle(order.AsSpan());
            Model.Train();
            double sumLoss = 0, sumRecon = 0, sumKl = 0;
            int batches = (train.Length + Options.BatchSize - 1) / Options.BatchSize;
            for (int b = 0; b < batches; b++)
            {
                int start = b * Options.BatchSize, count = Math.Min(Options.BatchSize, train.Length - start);
                var batchOnHost = Gather(host, order.AsSpan(start, count), sampleLength, sampleShape);
                var (value, recon, kl) = Step(batchOnHost, beta, $"epoch {epoch}, batch {b + 1} of {batches}");
                sumLoss += value * count; sumRecon += recon * count; sumKl += kl * count;
            }
            Optimizer.ZeroGrad();

            double? validationLoss = validation.Length > 0 ? Evaluate(host, validation, sampleLength, sampleShape) : null;
            CompletedEpochs = epoch;
            RecordValidation(validationLoss, epoch);
            var report = new EpochReport(epoch, sumLoss / train.Length, sumRecon / train.Length, sumKl / train.Length, beta, validationLoss, clock.Elapsed.TotalSeconds);
            reports.Add(report);
            progress?.Invoke(report);
        }
        return reports;
    }

    /// <summary>Trains on batches streamed from <paramref name="source"/>; the held-out samples (the options' validation fraction) come
    /// as their own stream <paramref name="validation"/>.</summary>
    /// <remarks>Each epoch's order comes from one draw of <see cref="ShuffleRng"/>, so a resumed run streams the same batches.
    /// Validation and early stopping work as in the in-memory <see cref="Fit(Tensor{float}, Action{EpochReport}?)"/>.</remarks>
    public IReadOnlyList<EpochReport> Fit(IBatchSource source, Action<EpochReport>? progress = null, IBatchSource? validation = null)
    {
        // The data is never all in memory, so the caller holds samples out (by track, say) and streams them as validation.
        if (Options.ValidationFraction > 0 && validation is null)
            throw new ArgumentException("streamed training takes its held-out samples as a second stream: pass validation, or set the validation fraction to 0");
        if (source.Count == 0) throw new ArgumentException("no training samples: the batch source is empty");
        var sampleShape = source.SampleShape;
        int sampleLength = 1;
        foreach (int d in sampleShape) sampleLength *= d;
        var buffer = new float[(long)Options.BatchSize * sampleLength];
        var shape = new int[sampleShape.Length + 1];
        sampleShape.CopyTo(shape, 1);
        var reports = new List<EpochReport>();
        while (CompletedEpochs < Options.Epochs && !StoppedEarly)
        {
            int epoch = CompletedEpochs + 1;
            var clock = Stopwatch.StartNew();
            double beta = Options.KlWarmupEpochs > 0 ? Model.Beta * Math.Min(1.0, (double)epoch / Options.KlWarmupEpochs) : Model.Beta;
            ulong seed = ShuffleRng.NextUInt64();
            Model.Train();
            double sumLoss = 0, sumRecon = 0, sumKl = 0;
            long seen = 0;
            int b = 0;
            foreach (int count in source.Epoch(seed, buffer))
            {
                shape[0] = count;
                var batchOnHost = Tensor<float>.ZerosOn(CpuBackend.Instance, shape);
                buffer.AsSpan(0, count * sampleLength).CopyTo(batchOnHost.AsSpan());
                var (value, recon, kl) = Step(batchOnHost, beta, $"epoch {epoch}, batch {++b}");
                sumLoss += value * count; sumRecon += recon * count; sumKl += kl * count;
                seen += count;
            }
            Optimizer.ZeroGrad();
            double? validationLoss = validation is { Count: > 0 } ? Evaluate(validation, buffer, shape, sampleLength) : null;
            CompletedEpochs = epoch;
            RecordValidation(validationLoss, epoch);
            var report = new EpochReport(epoch, sumLoss / seen, sumRecon / seen, sumKl / seen, beta, validationLoss, clock.Elapsed.TotalSeconds);
            reports.Add(report);
            progress?.Invoke(report);
        }
        return reports;
    }

    // One optimizer step on a batch held in a pooled host tensor (recycled here); returns loss, reconstruction and KL.
    private (double Loss, double Reconstruction, double Kl) Step(Tensor<float> batchOnHost, double beta, string where)
    {
        var x = new Variable<float>(batchOnHost.To(Model.Backend));
        Optimizer.ZeroGrad();
        var loss = Model.Loss(x, beta);
        double value = loss.Value;
        if (!double.IsFinite(value))
            throw new NonFiniteLossException($"training stopped: the loss is {value} at {where} " +
                $"(reconstruction {loss.Reconstruction}, KL {loss.Kl}); lower the learning rate, enable gradient clipping, or check the data for NaN/∞");
        loss.Total.BackwardAndRecycle(); // nothing reads this step's graph again: its buffers serve the next step
        if (Options.ClipNorm is { } clip) GradientClipping.ClipGlobalNorm(Model.Parameters(), clip);
        Optimizer.Step();
        Recycle(x.Data, batchOnHost);
        RecycleGradients();
        return (value, loss.Reconstruction, loss.Kl);
    }

    /// <summary>The per-sample loss (full β, z = μ) over the given rows, without gradients.</summary>
    private double Evaluate(Tensor<float> host, int[] rows, int sampleLength, int[] sampleShape) => MeanLoss(Batches(host, rows, sampleLength, sampleShape));

    /// <summary>The per-sample loss (full β, z = μ) over every sample of <paramref name="source"/>, without gradients.</summary>
    private double Evaluate(IBatchSource source, float[] buffer, int[] shape, int sampleLength) => MeanLoss(Batches(source, buffer, shape, sampleLength));

    // The per-sample loss over the batches, in eval mode and without gradients; a batch's loss counts once per sample.
    private double MeanLoss(IEnumerable<(Variable<float> X, int Count)> batches)
    {
        Model.Eval();
        try
        {
            using var _ = GradMode.Disable();
            double sum = 0;
            long seen = 0;
            foreach (var (x, count) in batches)
            {
                sum += Model.Loss(x).Value * count;
                seen += count;
            }
            return sum / Math.Max(1, seen);
        }
        finally { Model.Train(); }
    }

    private IEnumerable<(Variable<float>, int)> Batches(Tensor<float> host, int[] rows, int sampleLength, int[] sampleShape)
    {
        for (int start = 0; start < rows.Length; start += Options.BatchSize)
        {
            int count = Math.Min(Options.BatchSize, rows.Length - start);
            yield return (new Variable<float>(Gather(host, rows.AsSpan(start, count), sampleLength, sampleShape).To(Model.Backend)), count);
        }
    }

    // The order does not change a sum of per-sample losses beyond rounding; a fixed seed keeps it bit-stable.
    private IEnumerable<(Variable<float>, int)> Batches(IBatchSource source, float[] buffer, int[] shape, int sampleLength)
    {
        foreach (int count in source.Epoch(0, buffer))
        {
            shape[0] = count;
            var batch = Tensor<float>.ZerosOn(CpuBackend.Instance, shape);
            buffer.AsSpan(0, count * sampleLength).CopyTo(batch.AsSpan());
            var x = new Variable<float>(batch.To(Model.Backend));
            yield return (x, count);
            Recycle(x.Data, batch);
        }
    }

    // Early stopping: keeps the best epoch's weights and restores them once Patience epochs passed without a better loss.
    private void RecordValidation(double? validationLoss, int epoch)
    {
        if (validationLoss is not { } v) return;
        if (v < BestValidationLoss)
        {
            BestValidationLoss = v;
            BestEpoch = epoch;
            if (Options.Patience > 0) BestState = CopyState();
        }
        else if (Options.Patience > 0 && epoch - BestEpoch >= Options.Patience)
        {
            StoppedEarly = true;
            if (BestState is not null) Model.LoadStateDict(BestState);
        }
    }

    // The batch on the host, in a buffer from the CPU pool (handed back by Recycle once the step is done).
    private static Tensor<float> Gather(Tensor<float> host, ReadOnlySpan<int> rows, int sampleLength, int[] sampleShape)
    {
        var src = host.AsSpan();
        var shape = new int[sampleShape.Length + 1];
        shape[0] = rows.Length;
        sampleShape.CopyTo(shape, 1);
        var batch = Tensor<float>.ZerosOn(CpuBackend.Instance, shape);
        var dst = batch.AsSpan();
        for (int i = 0; i < rows.Length; i++) src.Slice(rows[i] * sampleLength, sampleLength).CopyTo(dst.Slice(i * sampleLength));
        return batch;
    }

    // After the step the gradients are only waiting to be cleared; their buffers take next step's gradients instead.
    private void RecycleGradients()
    {
        foreach (var (_, p) in Optimizer.Parameters)
            if (p.Grad is { } g)
            {
                p.Grad = null;
                g.Backend.Recycle(g.Storage);
            }
    }

    // A training step's input is read by nothing after the optimizer step.
    private static void Recycle(Tensor<float> onDevice, Tensor<float> onHost)
    {
        onHost.Backend.Recycle(onHost.Storage);
        if (!ReferenceEquals(onDevice.Storage, onHost.Storage)) onDevice.Backend.Recycle(onDevice.Storage);
    }

    /// <summary>The rows held out for validation among <paramref name="n"/> samples (sorted).</summary>
    public int[] ValidationRows(int n) => Split(n).Validation;

    // The split depends only on the seed and N (its own generator), so a resumed run holds out the same samples.
    private (int[] Train, int[] Validation) Split(int n)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (Options.ValidationFraction == 0) return (all, []);
        new SeededRandom(Options.Seed, stream: 3).Shuffle(all.AsSpan());
        int held = Math.Clamp((int)Math.Round(n * Options.ValidationFraction), 1, Math.Max(n - 1, 1));
        var validation = all[..held];
        var train = all[held..];
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }

    private Dictionary<string, Tensor<float>> CopyState()
    {
        var copy = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var (name, t) in Model.StateDict()) copy[name] = t.Clone();
        return copy;
    }
}
