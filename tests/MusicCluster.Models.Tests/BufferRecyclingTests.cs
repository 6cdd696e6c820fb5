using MusicCluster.Autograd;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

/// <summary>The trainer recycles each step's buffers; the weights must come out exactly as from a plain training loop.</summary>
public class BufferRecyclingTests
{
    [Fact]
    public void ConvVaeTrainerMatchesPlainLoopBitForBit()
        => Compare(() => new ConvVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [4, 8], Latent: 3), seed: 5), StructuredPatches(40, 1, 16, 16, seed: 6));

    [Fact]
    public void MlpVaeTrainerMatchesPlainLoopBitForBit()
        => Compare(() => new Vae(new VaeConfig(24, [40], 4), seed: 7), VaeBenchmark.MlpData(50, 24));

    private static void Compare(Func<VaeModel> make, Tensor<float> data)
    {
        const int epochs = 3, batch = 8;
        const ulong seed = 4;
        var trained = make();
        new Trainer(trained, new Adam<float>(trained.NamedParameters(), 1e-2), new TrainerOptions(Epochs: epochs, BatchSize: batch, Seed: seed)).Fit(data);

        // The trainer's loop without recycling: same shuffles (stream 2 of the seed), same batches, plain Backward().
        var plain = make();
        var adam = new Adam<float>(plain.NamedParameters(), 1e-2);
        var shuffle = new SeededRandom(seed, stream: 2);
        int n = data.Shape[0], sampleLength = data.Length / n;
        var rows = data.ToArray();
        for (int e = 0; e < epochs; e++)
        {
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            shuffle.Shuffle(order.AsSpan());
            plain.Train();
            for (int start = 0; start < n; start += batch)
            {
                int count = Math.Min(batch, n - start);
                var x = new float[count * sampleLength];
                for (int i = 0; i < count; i++) Array.Copy(rows, order[start + i] * sampleLength, x, i * sampleLength, sampleLength);
                int[] shape = [count, .. data.Shape[1..]];
                adam.ZeroGrad();
                plain.Loss(new Variable<float>(Tensor<float>.Wrap(x, shape)), plain.Beta).Total.Backward();
                adam.Step();
            }
        }

        var expected = plain.StateDict();
        var actual = trained.StateDict();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i].Value.ToArray().AsSpan().SequenceEqual(actual[i].Value.ToArray()), $"{actual[i].Key} differs from the plain loop");
    }
}
