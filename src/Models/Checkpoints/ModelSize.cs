using System.Text.Json;
using MusicCluster.Models.Networks;

namespace MusicCluster.Models.Checkpoints;

/// <summary>How many weights a model config describes, worked out from the config alone (no allocation), so that a checkpoint
/// whose metadata asks for a model far larger than the tensors it holds is refused before the model is built.</summary>
internal static class ModelSize
{
    /// <summary>The weight count of the main layers (biases and norms left out), saturating at <see cref="long.MaxValue"/>; 0 when the config is not understood.</summary>
    public static long Weights(string kind, string configJson)
    {
        try
        {
            return kind switch
            {
                "Vae" => Vae(JsonSerializer.Deserialize<VaeConfig>(configJson)),
                "ConvVae" or "BetaVae" or "Autoencoder" => Conv(JsonSerializer.Deserialize<ConvVaeConfig>(configJson)),
                _ => 0,
            };
        }
        catch (Exception e) when (e is JsonException or OverflowException or ArgumentException)
        {
            return e is OverflowException ? long.MaxValue : 0; // an unreadable config is reported by the constructor
        }
    }

    private static long Vae(VaeConfig? c)
    {
        if (c is null) return 0;
        long total = 0, width = c.InputFeatures;
        foreach (int h in c.HiddenSizes)
        {
            total = checked(total + 2 * width * h); // encoder layer and its mirror in the decoder
            width = h;
        }
        return checked(total + 3 * width * c.Latent); // μ, log σ² and the decoder's first layer
    }

    private static long Conv(ConvVaeConfig? c)
    {
        if (c is null || c.Stride < 1) return 0;
        long total = 0, channels = c.InputChannels, h = c.Height, w = c.Width;
        foreach (int next in c.ChannelSizes)
        {
            total = checked(total + 2 * channels * next * c.Kernel * c.Kernel);
            h = (h + 2L * c.Padding - c.Kernel) / c.Stride + 1;
            w = (w + 2L * c.Padding - c.Kernel) / c.Stride + 1;
            if (h < 1 || w < 1) return 0;
            channels = next;
        }
        return checked(total + 3 * channels * h * w * c.Latent);
    }
}
