using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Tests;

public sealed class CheckpointChecksumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mc-ckpt-sum-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Trainer NewTrainer(ulong seed = 5)
    {
        var model = new Vae(new VaeConfig(12, [16, 8], 3), seed);
        return new Trainer(model, new Adam<float>(model.NamedParameters(), 1e-3), new TrainerOptions(Epochs: 1, BatchSize: 8, Seed: 3));
    }

    [Fact]
    public void Every_file_written_carries_a_checksum_that_verifies_and_stays_out_of_the_metadata()
    {
        string path = Path.Combine(_dir, "m.safetensors");
        Checkpoint.SaveModel(path, new Vae(new VaeConfig(12, [16, 8], 3), seed: 1), epoch: 2);
        var content = SafeTensorsFile.Read<float>(path);
        Assert.True(content.ChecksumVerified);
        Assert.False(content.Metadata.ContainsKey(SafeTensorsFile.ChecksumKey));
        Assert.Equal(ChecksumStatus.Valid, EmbeddedChecksum.Verify(File.ReadAllBytes(path)));
    }

    [Fact]
    public void A_single_flipped_bit_anywhere_in_a_training_checkpoint_is_detected_and_the_trainer_is_left_unchanged()
    {
        string path = Path.Combine(_dir, "run.safetensors");
        var data = Tensor<float>.Uniform(new SeededRandom(1), -1f, 1f, 32, 12);
        var saved = NewTrainer();
        saved.Fit(data);
        Checkpoint.SaveTraining(path, saved);
        byte[] good = File.ReadAllBytes(path);
        ulong headerLength = BitConverter.ToUInt64(good, 0);
        // One position in the length prefix, the header's JSON text, a metadata value, and the tensor data.
        foreach (int at in new[] { 3, 8 + 40, 8 + (int)headerLength / 2, 8 + (int)headerLength + 5, good.Length - 1 })
        {
            byte[] bad = (byte[])good.Clone();
            bad[at] ^= 0x04;
            File.WriteAllBytes(path, bad);
            var fresh = NewTrainer();
            var before = fresh.Model.StateDict().Select(kv => kv.Value.ToArray()).ToList();
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.ResumeTraining(path, fresh));
            Assert.StartsWith(path, e.Message);
            Assert.Equal(0, fresh.CompletedEpochs);
            Assert.Equal(before, fresh.Model.StateDict().Select(kv => kv.Value.ToArray()).ToList());
        }
        File.WriteAllBytes(path, good);
        var resumed = NewTrainer();
        Checkpoint.ResumeTraining(path, resumed);
        Assert.Equal(1, resumed.CompletedEpochs);
    }

    [Fact]
    public void A_training_checkpoint_without_a_checksum_is_not_trusted_but_a_model_file_of_another_tool_still_loads()
    {
        // The committed fixtures were written before checksums (as PyTorch's safetensors writes them: no checksum).
        string fixture = TestData.FixturePath("ours_vae.safetensors");
        Assert.False(SafeTensorsFile.Read<float>(fixture).ChecksumVerified);
        var model = Checkpoint.LoadModel(fixture);
        Assert.Equal("Vae", model.Kind);
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), 1e-3), new TrainerOptions(Epochs: 1, BatchSize: 8, Seed: 3));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.ResumeTraining(fixture, trainer));
        Assert.Contains("carries no checksum", e.Message);
    }

    [Theory]
    [InlineData("Vae", "{\"InputFeatures\":100000000,\"Hidden\":[4096],\"Latent\":8}")]
    [InlineData("ConvVae", "{\"InputChannels\":1,\"Height\":65536,\"Width\":65536,\"Channels\":[32,64,128],\"Latent\":16}")]
    public void A_checkpoint_whose_metadata_describes_a_huge_model_is_refused_before_the_model_is_built(string kind, string config)
    {
        // Another tool's file (no checksum) with a config far larger than its tensors: building it would allocate gigabytes.
        string path = Path.Combine(_dir, "huge.safetensors");
        var small = new Vae(new VaeConfig(6, [5], 2), seed: 1);
        SafeTensorsFile.Write(path, small.StateDict(), new Dictionary<string, string> { ["kind"] = kind, ["config"] = config });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModel(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("weights but the file holds", e.Message);
    }
}
