using System.Text.Json;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary>Untrained model checkpoints with encoder specs for given feature settings: encode's input and output paths without a training run.</summary>
internal static class EncodeCheckpoints
{
    /// <summary>A Conv-VAE on log-mel patches scaled by the stored tracks' standardisation, with an output scaling of its [mean, std] rows.</summary>
    public static string Conv(string folder, FeatureConfig config, FeatureStore store, IReadOnlyList<TrackKey> keys)
    {
        var model = new ConvVae(new ConvVaeConfig(1, config.NMels, config.PatchFrames, [4, 8], Latent: 3), 7);
        var (shift, inv) = PatchStream.Standardisation(store, keys);
        double[] mean = [0.1, -0.2, 0.3, 0.05, 0.02, 0.01], scale = [1.5, 0.5, 2, 0.25, 0.125, 3];
        return Write(folder, "convvae", model, new EncoderSpec("medium", "convvae", Copy(config), new EncoderInput(EncoderInput.PatchBlock, null, null, shift, inv), mean, scale));
    }

    /// <summary>An MLP VAE on the spectral statistics, standardised as over the stored tracks.</summary>
    public static string Spectral(string folder, FeatureConfig config, FeatureStore store, IReadOnlyList<TrackKey> keys)
    {
        var raw = StoreFeatures.Read(store, keys, config, (0, 1)).Spectral;
        var model = new Vae(new VaeConfig(raw.Cols, [16], Latent: 4), 7);
        return Write(folder, "vae", model, new EncoderSpec("easy", "vae", Copy(config), EncoderInput.Spectral(raw), null, null));
    }

    private static string Write(string folder, string name, VaeModel model, EncoderSpec spec)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.safetensors");
        Checkpoint.SaveModel(path, model);
        spec.AttachTo(path);
        return path;
    }

    private static FeatureConfig Copy(FeatureConfig c) => JsonSerializer.Deserialize<FeatureConfig>(JsonSerializer.Serialize(c))!;
}
