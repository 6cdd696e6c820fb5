using MusicCluster.Autograd;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mc-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The committed checkpoints that tests/reference/models_checkpoint_roundtrip.py reads with PyTorch.
    private static readonly (string File, Func<VaeModel> Create)[] Ours =
    [
        ("ours_vae.safetensors", () => new Vae(new VaeConfig(12, [16, 8], 3), seed: 21)),
        ("ours_convvae.safetensors", () => new ConvVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [4, 8, 8], Latent: 3), seed: 22)),
    ];

    /// <summary>Regenerates the committed checkpoints when MUSICCLUSTER_WRITE_MODEL_FIXTURES names tests/reference/fixtures/models.</summary>
    [Fact]
    public void CommittedCheckpointsAreOurSeededModels()
    {
        string? target = Environment.GetEnvironmentVariable("MUSICCLUSTER_WRITE_MODEL_FIXTURES");
        foreach (var (file, create) in Ours)
        {
            var model = create();
            if (target is not null) Checkpoint.SaveModel(Path.Combine(target, file), model, epoch: 3);
            // Initialisation is bit-for-bit reproducible from the seed, and the committed file holds exactly those weights.
            var committed = SafeTensorsFile.Read<float>(FixturePath(file));
            Assert.Equal(model.StateDict().Select(kv => kv.Key), committed.Tensors.Select(kv => kv.Key));
            foreach (var ((_, ours), (_, saved)) in model.StateDict().Zip(committed.Tensors)) Assert.Equal(ours.ToArray(), saved.ToArray());
            Assert.Equal("3", committed.Metadata["epoch"]);
        }
    }

    [Theory]
    [InlineData("ours_vae")]
    [InlineData("ours_convvae")]
    public void PyTorchReproducesOurCheckpoint(string name)
    {
        // Expected outputs were computed by PyTorch from our committed checkpoint (models_checkpoint_roundtrip.py).
        var f = Fixture.Load($"models/{name}_torch.json");
        var model = Checkpoint.LoadModel(FixturePath(name + ".safetensors"));
        var x = FloatTensor(f, "x");
        AssertClose(f.Floats("mu"), model.Embed(x).ToArray(), 1e-5, 1e-4, "mu");
        AssertClose(f.Floats("recon"), model.Reconstruct(x).ToArray(), 1e-5, 1e-4, "recon");
        model.Eval();
        using var _ = GradMode.Disable();
        AssertClose(f.Floats("logvar"), model.Encode(new Variable<float>(x)).LogVar.Data.ToArray(), 1e-5, 1e-4, "logvar");
    }

    [Fact]
    public void SaveLoadRoundTripKeepsEverything()
    {
        var model = new BetaVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [4, 8, 8], Latent: 3), beta: 4.0, seed: 5);
        string path = Path.Combine(_dir, "m.safetensors");
        Checkpoint.SaveModel(path, model, epoch: 7);
        var loaded = Checkpoint.LoadModel(path);
        Assert.IsType<BetaVae>(loaded);
        Assert.Equal(4.0, loaded.Beta);
        Assert.Equal(model.ConfigJson, loaded.ConfigJson);
        foreach (var ((n1, a), (n2, b)) in model.StateDict().Zip(loaded.StateDict()))
        {
            Assert.Equal(n1, n2);
            Assert.Equal(a.ToArray(), b.ToArray());
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void CorruptedFilesGiveClearErrorsAndLeaveTheModelUntouched()
    {
        var model = new Vae(new VaeConfig(12, [16, 8], 3), seed: 21);
        var before = Snapshot(model);
        byte[] good = File.ReadAllBytes(FixturePath("ours_vae.safetensors"));

        string Expect(byte[] bytes, string fragment)
        {
            string path = Path.Combine(_dir, "bad.safetensors");
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadInto(path, model));
            Assert.Contains(path, e.Message);
            Assert.Contains(fragment, e.Message);
            Assert.Equal(before, Snapshot(model));
            return e.Message;
        }

        Expect(good[..5], "too short");
        Expect(good[..(good.Length - 4)], "data section");
        var hugeHeader = (byte[])good.Clone();
        BitConverter.GetBytes(ulong.MaxValue / 2).CopyTo(hugeHeader, 0);
        Expect(hugeHeader, "header length");
        var badJson = (byte[])good.Clone();
        badJson[8] = (byte)'[';
        Expect(badJson, "header");
        var f64 = ReplaceInHeader(good, "\"F32\"", "\"F64\"");
        Expect(f64, "dtype F64; expected F32");
        var shape = ReplaceInHeader(good, "\"shape\":[16,12]", "\"shape\":[12,16]");
        Expect(shape, "encoder.0.weight: shape [12, 16] in the state, [16, 12] in the model");

        // A checkpoint of a different architecture names each difference.
        string other = Path.Combine(_dir, "other.safetensors");
        Checkpoint.SaveModel(other, new Vae(new VaeConfig(12, [16], 3), seed: 1));
        var mismatch = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadInto(other, model));
        Assert.Contains("missing encoder.2.weight", mismatch.Message);
        Assert.Contains("decoder.0.weight: shape [16, 3] in the state, [8, 3] in the model", mismatch.Message);
        Assert.Equal(before, Snapshot(model));

        string conv = Path.Combine(_dir, "conv.safetensors");
        Checkpoint.SaveModel(conv, new ConvVae(new ConvVaeConfig(Height: 8, Width: 8, Channels: [2], Latent: 2)));
        Assert.Contains("holds a ConvVae, not a Vae", Assert.Throws<InvalidDataException>(() => Checkpoint.LoadInto(conv, model)).Message);
        Assert.Equal(before, Snapshot(model));
    }

    private static float[][] Snapshot(VaeModel m) => m.StateDict().Select(kv => kv.Value.ToArray()).ToArray();

    // Same-length edits keep the header length valid, so the error comes from the field that changed.
    private static byte[] ReplaceInHeader(byte[] file, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        int headerLength = (int)BitConverter.ToUInt64(file, 0);
        string header = System.Text.Encoding.UTF8.GetString(file, 8, headerLength);
        Assert.Contains(from, header);
        var result = (byte[])file.Clone();
        System.Text.Encoding.UTF8.GetBytes(header.Replace(from, to)).CopyTo(result, 8);
        return result;
    }
}
