using System.Text.Json;
using MusicCluster.Models.Layers;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Networks;

/// <summary>Configuration of <see cref="ConvVae"/>: input C×H×W, encoder channels, kernel/stride/padding, latent size, β.</summary>
public sealed record ConvVaeConfig(int InputChannels = 1, int Height = 64, int Width = 64, int[]? Channels = null,
    int Kernel = 4, int Stride = 2, int Padding = 1, int Latent = 16, double Beta = 1.0, bool Deterministic = false)
{
    /// <summary>The encoder's channel counts (default 32-64-128).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] ChannelSizes => Channels ?? [32, 64, 128];
}

/// <summary>A convolutional VAE for log-mel patches [N, C, H, W] with a mirrored transposed-convolution decoder.</summary>
/// <remarks>
/// encoder = Sequential(Conv2d, ReLU, …, Flatten); fc_mu and fc_logvar map the flattened features to the latent;
/// decoder = Sequential(Linear(latent, features), ReLU, Unflatten, ConvTranspose2d, ReLU, …, ConvTranspose2d) with a
/// linear output. Output paddings are chosen so the decoder returns exactly H×W.
/// </remarks>
public class ConvVae : VaeModel
{
    /// <summary>A model with PyTorch-default initialisation drawn from <paramref name="seed"/>.</summary>
    public ConvVae(ConvVaeConfig? config = null, ulong seed = 0) : this(Plan.Of(config ?? new ConvVaeConfig()), new SeededRandom(seed), seed) { }

    private ConvVae(Plan p, SeededRandom rng, ulong seed)
        : base(BuildEncoder(p, rng), p.Features, p.Config.Latent, r => BuildDecoder(p, r), rng, seed, p.Config.Beta, p.Config.Deterministic,
            [p.Config.InputChannels, p.Config.Height, p.Config.Width])
        => Config = p.Config;

    /// <summary>The configuration.</summary>
    public ConvVaeConfig Config { get; }

    /// <inheritdoc />
    public override string Kind => "ConvVae";

    /// <inheritdoc />
    public override string ConfigJson => JsonSerializer.Serialize(Config with { Channels = Config.ChannelSizes });

    private static Sequential<float> BuildEncoder(Plan p, SeededRandom rng)
    {
        var c = p.Config;
        var layers = new List<Layer<float>>();
        int inC = c.InputChannels;
        foreach (int outC in c.ChannelSizes)
        {
            layers.Add(new Conv2d<float>(inC, outC, c.Kernel, rng, c.Stride, c.Padding));
            layers.Add(new ReLU<float>());
            inC = outC;
        }
        layers.Add(new Flatten<float>());
        return new Sequential<float>([.. layers]);
    }

    private static Sequential<float> BuildDecoder(Plan p, SeededRandom rng)
    {
        var c = p.Config;
        var ch = c.ChannelSizes;
        int n = ch.Length;
        var layers = new List<Layer<float>>
        {
            new Linear<float>(c.Latent, p.Features, rng),
            new ReLU<float>(),
            new Unflatten<float>(ch[^1], p.Heights[n], p.Widths[n]),
        };
        for (int i = n - 1; i >= 0; i--)
        {
            int outC = i == 0 ? c.InputChannels : ch[i - 1];
            layers.Add(new ConvTranspose2d<float>(ch[i], outC, c.Kernel, rng, c.Stride, c.Padding, p.OutputPaddings[i]));
            if (i > 0) layers.Add(new ReLU<float>());
        }
        return new Sequential<float>([.. layers]);
    }

    // Spatial sizes after each encoder layer, and the output paddings that make the decoder mirror them exactly.
    private sealed record Plan(ConvVaeConfig Config, int[] Heights, int[] Widths, int[] OutputPaddings, int Features)
    {
        public static Plan Of(ConvVaeConfig c)
        {
            var ch = c.ChannelSizes;
            if (c.InputChannels < 1 || c.Height < 1 || c.Width < 1 || ch.Length == 0 || Array.Exists(ch, x => x < 1)
                || c.Kernel < 1 || c.Stride < 1 || c.Padding < 0 || c.Latent < 1)
                throw new ArgumentException($"ConvVae: invalid configuration {Describe(c)}");
            int n = ch.Length;
            var hs = new int[n + 1]; var ws = new int[n + 1]; var ops = new int[n];
            hs[0] = c.Height; ws[0] = c.Width;
            for (int i = 0; i < n; i++)
            {
                hs[i + 1] = (hs[i] + 2 * c.Padding - c.Kernel) / c.Stride + 1;
                ws[i + 1] = (ws[i] + 2 * c.Padding - c.Kernel) / c.Stride + 1;
                if (hs[i] + 2 * c.Padding < c.Kernel || ws[i] + 2 * c.Padding < c.Kernel || hs[i + 1] < 1 || ws[i + 1] < 1)
                    throw new ArgumentException($"ConvVae: input {c.InputChannels}×{c.Height}×{c.Width} is too small for {n} layers of kernel {c.Kernel}, stride {c.Stride}, padding {c.Padding}");
                int opH = hs[i] - ((hs[i + 1] - 1) * c.Stride - 2 * c.Padding + c.Kernel);
                int opW = ws[i] - ((ws[i + 1] - 1) * c.Stride - 2 * c.Padding + c.Kernel);
                if (opH != opW || opH < 0 || opH >= c.Stride)
                    throw new ArgumentException($"ConvVae: a mirrored decoder cannot rebuild {hs[i]}×{ws[i]} at layer {i + 1}; use H and W divisible by {(int)Math.Pow(c.Stride, n)} (got {c.Height}×{c.Width})");
                ops[i] = opH;
            }
            return new Plan(c, hs, ws, ops, ch[^1] * hs[n] * ws[n]);
        }

        private static string Describe(ConvVaeConfig c) => (c with { Channels = c.ChannelSizes }).ToString().Replace("System.Int32[]", "[" + string.Join(", ", c.ChannelSizes) + "]");
    }
}

/// <summary>A <see cref="ConvVae"/> trained with loss recon + β·KL; β defaults to 0.1 (4.0 for disentanglement studies).</summary>
public sealed class BetaVae(ConvVaeConfig? config = null, double beta = 0.1, ulong seed = 0)
    : ConvVae((config ?? new ConvVaeConfig()) with { Beta = beta, Deterministic = false }, seed)
{
    /// <inheritdoc />
    public override string Kind => "BetaVae";
}

/// <summary>The β = 0 case with a deterministic encoder (z = μ, no sampling): a plain convolutional autoencoder.</summary>
public sealed class Autoencoder(ConvVaeConfig? config = null, ulong seed = 0)
    : ConvVae((config ?? new ConvVaeConfig()) with { Beta = 0, Deterministic = true }, seed)
{
    /// <inheritdoc />
    public override string Kind => "Autoencoder";
}
