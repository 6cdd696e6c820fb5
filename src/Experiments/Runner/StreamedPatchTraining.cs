using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>Trains a conv model on patches left in the feature store (<see cref="TrackFeatures.Stored"/>): every patch of the
/// training tracks streamed each epoch, validation on held-out tracks, embedding and held-out error streamed as well.</summary>
/// <remarks>Memory is the shuffle buffer, a batch and the per-track outputs, whatever the collection's size. The held-out
/// samples are whole tracks (a track's patches overlap in content, so holding out single patches would leak them).</remarks>
public static class StreamedPatchTraining
{
    /// <summary>The stage <c>train-NAME-seedS</c> for a stored collection, with the same result shape as the in-memory one.</summary>
    public static ModelRun Train(TaskContext ctx, string name, int seed, Func<VaeModel> build, TrackFeatures f, TrainingConfig training, int reconCount, string description) =>
        ctx.Ledger.Run($"train-{name}-seed{seed}", () =>
        {
            var stored = f.Stored ?? throw new InvalidOperationException("these features hold their patches in memory");
            var (trainKeys, heldKeys) = SplitTracks(stored.Keys, training.ValidationFraction, seed);
            var scaling = (f.PatchShift, f.PatchInvScale);
            int h = f.PatchHeight, w = f.PatchWidth;
            var stream = new PatchStream(stored.Store, trainKeys, h, w, scaling);
            var held = heldKeys.Length > 0 ? new PatchStream(stored.Store, heldKeys, h, w, scaling) : null;
            var model = build();
            if (!ReferenceEquals(ctx.Backend, CpuBackend.Instance)) model.To(ctx.Backend);
            var history = ModelTraining.Train(model, stream, held, training, seed, $"{name}-seed{seed}", ctx.Folder.Checkpoints, ctx.Console, description);
            var embedding = StreamEncoding.PerTrack(model, stored.Store, stored.Keys, scaling, h, w, withStd: true);
            var picked = Picked(stored, f, Math.Min(reconCount, f.PatchCount));
            int count = picked.Length / (h * w);
            var recon = model.Reconstruct(Tensor<float>.Wrap(picked, count, 1, h, w)).ToArray();
            var (mse, baseline, heldPatches) = held is null ? (double.NaN, double.NaN, 0) : HeldOutError(model, stream, held, training.Batch);
            return new ModelRun(history, embedding, picked, recon, count, h, w, mse, baseline, heldPatches, history.Loss.Length);
        });

    /// <summary>Training and held-out tracks (each in input order): round(n·fraction) tracks, at least one when the fraction is
    /// positive and never all, drawn by the seed alone, so a resumed run holds out the same tracks.</summary>
    public static (TrackKey[] Train, TrackKey[] HeldOut) SplitTracks(IReadOnlyList<TrackKey> keys, double fraction, int seed)
    {
        int n = keys.Count;
        if (fraction <= 0 || n < 2) return ([.. keys], []);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        new SeededRandom((ulong)seed, stream: 3).Shuffle(order.AsSpan());
        int heldCount = Math.Clamp((int)Math.Round(n * fraction), 1, n - 1);
        var isHeld = new bool[n];
        for (int i = 0; i < heldCount; i++) isHeld[order[i]] = true;
        var train = new List<TrackKey>(n - heldCount);
        var held = new List<TrackKey>(heldCount);
        for (int i = 0; i < n; i++) (isHeld[i] ? held : train).Add(keys[i]);
        return ([.. train], [.. held]);
    }

    // Evenly spaced patches over the whole collection (the in-memory stage's choice), standardised.
    private static float[] Picked(StoredPatches stored, TrackFeatures f, int count)
    {
        int size = f.PatchHeight * f.PatchWidth;
        var picked = new float[(long)count * size];
        var reader = stored.Store.CreateReader();
        for (int i = 0; i < count; i++)
        {
            int row = (int)((long)i * f.PatchCount / count), track = f.PatchTrack[row];
            int first = Array.IndexOf(f.PatchTrack, track);
            var patch = reader.Read(stored.Keys[track]).Patch(row - first);
            var dst = picked.AsSpan(i * size, size);
            for (int j = 0; j < size; j++) dst[j] = (patch[j] - f.PatchShift) * f.PatchInvScale;
        }
        return picked;
    }

    // MSE per element of decode(μ) on the held-out patches, and of the mean training patch as the prediction.
    private static (double Mse, double Baseline, int Count) HeldOutError(VaeModel model, PatchStream train, PatchStream held, int batch)
    {
        int size = train.PatchSize;
        var buffer = new float[(long)Math.Max(batch, 1) * size];
        var mean = new double[size];
        long trainPatches = 0;
        foreach (int count in train.Epoch(0, buffer))
        {
            for (int p = 0; p < count; p++)
            {
                var x = buffer.AsSpan(p * size, size);
                for (int j = 0; j < size; j++) mean[j] += x[j];
            }
            trainPatches += count;
        }
        for (int j = 0; j < size; j++) mean[j] /= Math.Max(1, trainPatches);
        double err = 0, baseErr = 0;
        long heldPatches = 0;
        foreach (int count in held.Epoch(0, buffer))
        {
            var r = model.Reconstruct(Tensor<float>.Wrap(buffer, buffer.Length / size, train.SampleShape[0], train.SampleShape[1], train.SampleShape[2]).Slice(0, count)).ToArray();
            for (int i = 0; i < count * size; i++)
            {
                double d = buffer[i] - r[i], b = buffer[i] - mean[i % size];
                err += d * d;
                baseErr += b * b;
            }
            heldPatches += count;
        }
        double total = (double)heldPatches * size;
        return (err / total, baseErr / total, (int)heldPatches);
    }
}
