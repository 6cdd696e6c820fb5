using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Tests.Store;

public sealed class PatchStreamTests
{
    private const int Mels = 16, Frames = 16, Size = Mels * Frames;

    // Patch p of track t holds t * 100 + p in its first value, so the stream's output can be traced to its source.
    private static TrackKey[] Fill(FeatureStore store, int tracks, int firstWritten = 0)
    {
        var keys = new TrackKey[tracks];
        for (int t = 0; t < tracks; t++) keys[t] = StoreTestData.Key(t);
        for (int k = 0; k < tracks; k++)
        {
            int t = (k + firstWritten) % tracks;
            int count = 1 + t % 3;
            var patches = new float[count * Size];
            for (int p = 0; p < count; p++)
                for (int i = 0; i < Size; i++) patches[p * Size + i] = i == 0 ? t * 100 + p : MathF.Sin(t * 7 + p * 3 + i * 0.1f);
            store.Write(keys[t], [t], count, Size, patches);
        }
        return keys;
    }

    private static List<float> Ids(PatchStream stream, ulong seed, int batch = 5)
    {
        var buffer = new float[batch * Size];
        var ids = new List<float>();
        foreach (int n in stream.Epoch(seed, buffer))
            for (int i = 0; i < n; i++) ids.Add(buffer[i * Size]);
        return ids;
    }

    [Fact]
    public void An_epoch_gives_every_patch_once_in_an_order_set_by_the_seed_alone_not_by_the_shard_layout()
    {
        using var dir = new TempDir();
        using var a = FeatureStore.Open(dir.File("a"), "s");
        using var b = FeatureStore.Open(dir.File("b"), "s");
        var keys = Fill(a, 30);
        Fill(b, 30, firstWritten: 17); // other write order, other offsets
        var sa = new PatchStream(a, keys, Mels, Frames, (0, 1), tracksPerBlock: 4, bufferPatches: 8);
        var sb = new PatchStream(b, keys, Mels, Frames, (0, 1), tracksPerBlock: 4, bufferPatches: 8);
        var first = Ids(sa, 11);
        var expected = new List<float>();
        for (int t = 0; t < 30; t++) for (int p = 0; p < 1 + t % 3; p++) expected.Add(t * 100 + p);
        Assert.Equal(expected.Count, sa.Count);
        Assert.Equal(expected, first.Order().ToList());
        Assert.Equal(first, Ids(sb, 11));
        Assert.Equal(first, Ids(sa, 11, batch: 7));
        Assert.NotEqual(first, Ids(sa, 12));
        Assert.NotEqual(expected, first);
    }

    [Fact]
    public void Patches_come_out_standardised_with_the_scaling_computed_from_the_stored_sums()
    {
        using var dir = new TempDir();
        using var store = FeatureStore.Open(dir.Path, "s");
        var keys = Fill(store, 5);
        var scaling = PatchStream.Standardisation(store, keys);
        var all = new List<double>();
        var reader = store.CreateReader();
        foreach (var k in keys) foreach (float v in reader.Read(k).Patches) all.Add(v);
        double mean = all.Average(), std = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / all.Count);
        Assert.Equal(mean, scaling.Shift, 1e-3);
        Assert.Equal(1 / std, scaling.InvScale, 1e-5);
        var stream = new PatchStream(store, keys, Mels, Frames, scaling);
        var buffer = new float[64 * Size];
        double sum = 0, sq = 0;
        long n = 0;
        foreach (int count in stream.Epoch(1, buffer))
            foreach (float v in buffer.AsSpan(0, count * Size)) { sum += v; sq += (double)v * v; n++; }
        Assert.Equal(0, sum / n, 1e-4);
        Assert.Equal(1, sq / n, 1e-3);
    }

    [Fact]
    public void Reading_a_store_allocates_the_same_whatever_its_number_of_tracks()
    {
        using var dir = new TempDir();
        long Allocated(int tracks)
        {
            using var store = FeatureStore.Open(dir.File($"n{tracks}"), "s");
            var keys = Fill(store, tracks);
            var stream = new PatchStream(store, keys, Mels, Frames, (0, 1), tracksPerBlock: 8, bufferPatches: 32);
            var buffer = new float[16 * Size];
            long patches = 0;
            foreach (int n in stream.Epoch(3, buffer)) patches += n; // warm-up: JIT and first-use allocations
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (int n in stream.Epoch(4, buffer)) patches += n;
            long used = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(2 * stream.Count, patches);
            return used;
        }
        long small = Allocated(40), large = Allocated(400);
        long extraPatchBytes = (400 - 40) * 2L * Size * 4; // ~2 patches a track
        Assert.True(large - small < extraPatchBytes / 100, $"40 tracks: {small} B, 400 tracks: {large} B allocated per epoch");
        Assert.True(large < 32 * Size * 4 * 3, $"an epoch allocated {large} B, more than the buffers");
    }

    [Fact]
    public void Streamed_training_is_the_same_bits_for_a_seed_and_streamed_encoding_matches_the_in_memory_mean_and_std()
    {
        using var dir = new TempDir();
        using var store = FeatureStore.Open(dir.Path, "s");
        var keys = Fill(store, 12);
        var scaling = PatchStream.Standardisation(store, keys);
        var config = new ConvVaeConfig(1, Mels, Frames, [4, 8], Latent: 3);
        ConvVae Train()
        {
            var model = new ConvVae(config, 5);
            var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), 1e-3), new TrainerOptions(Epochs: 2, BatchSize: 4, Seed: 9));
            var reports = trainer.Fit(new PatchStream(store, keys, Mels, Frames, scaling, tracksPerBlock: 3, bufferPatches: 6));
            Assert.Equal(2, reports.Count);
            Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss)));
            return model;
        }
        var m1 = Train();
        var m2 = Train();
        var second = m2.StateDict().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, t) in m1.StateDict()) Assert.True(t.ToArray().AsSpan().SequenceEqual(second[name].ToArray()), name);

        var streamed = StreamEncoding.PerTrack(m1, store, keys, scaling, Mels, Frames, batchPatches: 5);
        var streamedStd = StreamEncoding.PerTrack(m1, store, keys, scaling, Mels, Frames, withStd: true, batchPatches: 4);
        var all = new List<float>();
        var owner = new List<int>();
        var reader = store.CreateReader();
        for (int t = 0; t < keys.Length; t++)
        {
            var view = reader.Read(keys[t]);
            foreach (float v in view.Patches) all.Add((v - scaling.Shift) * scaling.InvScale);
            for (int p = 0; p < view.Entry.PatchCount; p++) owner.Add(t);
        }
        var mu = m1.Embed(Tensor<float>.Wrap(all.ToArray(), owner.Count, 1, Mels, Frames)).ToArray();
        var expected = Representations.MeanPerTrack(mu, 3, owner.ToArray(), keys.Length);
        for (int i = 0; i < expected.Data.Length; i++) Assert.Equal(expected.Data[i], streamed.Data[i], 1e-5f);
        var expectedStd = Representations.MeanStdPerTrack(mu, 3, owner.ToArray(), keys.Length);
        Assert.Equal(6, streamedStd.Cols);
        for (int i = 0; i < expectedStd.Data.Length; i++) Assert.Equal(expectedStd.Data[i], streamedStd.Data[i], 1e-5f);
    }
}
