using System.Text.Json;
using MusicCluster.Models.Layers;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Networks;

/// <summary>Configuration of the MLP <see cref="Vae"/>: input size, hidden sizes (mirrored in the decoder), latent size.</summary>
public sealed record VaeConfig(int InputFeatures = 40, int[]? Hidden = null, int Latent = 8, double Beta = 1.0, bool Deterministic = false)
{
    /// <summary>The hidden sizes (default one layer of 64).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] HiddenSizes => Hidden ?? [64];
}

/// <summary>A VAE with MLP encoder and decoder for feature vectors [N, features].</summary>
/// <remarks>
/// encoder = Sequential(Linear, ReLU, …) over the hidden sizes; decoder = Sequential(Linear(latent, h_last), ReLU, …,
/// Linear(h_first, features)) with a linear output (features are standardised, so no squashing).
/// </remarks>
public sealed class Vae : VaeModel
{
    /// <summary>A model with PyTorch-default initialisation drawn from <paramref name="seed"/>.</summary>
    public Vae(VaeConfig? config = null, ulong seed = 0) : this(Validate(config ?? new VaeConfig()), new SeededRandom(seed), seed) { }

    private Vae(VaeConfig c, SeededRandom rng, ulong seed)
        : base(BuildEncoder(c, rng), c.HiddenSizes.Length == 0 ? c.InputFeatures : c.HiddenSizes[^1], c.Latent, r => BuildDecoder(c, r),
            rng, seed, c.Beta, c.Deterministic, [c.InputFeatures])
        => Config = c;

    /// <summary>The configuration.</summary>
    public VaeConfig Config { get; }

    /// <inheritdoc />
    public override string Kind => "Vae";

    /// <inheritdoc />
    public override string ConfigJson => JsonSerializer.Serialize(Config with { Hidden = Config.HiddenSizes });

    private static VaeConfig Validate(VaeConfig c)
    {
        if (c.InputFeatures < 1) throw new ArgumentException($"Vae input size must be positive, got {c.InputFeatures}");
        foreach (int h in c.HiddenSizes) if (h < 1) throw new ArgumentException($"Vae hidden sizes must be positive, got [{string.Join(", ", c.HiddenSizes)}]");
        return c;
    }

    private static Sequential<float> BuildEncoder(VaeConfig c, SeededRandom rng)
    {
        var layers = new List<Layer<float>>();
        int width = c.InputFeatures;
        foreach (int h in c.HiddenSizes)
        {
            layers.Add(new Linear<float>(width, h, rng));
            layers.Add(new ReLU<float>());
            width = h;
        }
        return new Sequential<float>([.. layers]);
    }

    private static Sequential<float> BuildDecoder(VaeConfig c, SeededRandom rng)
    {
        var layers = new List<Layer<float>>();
        int width = c.Latent;
        for (int i = c.HiddenSizes.Length - 1; i >= 0; i--)
        {
            layers.Add(new Linear<float>(width, c.HiddenSizes[i], rng));
            layers.Add(new ReLU<float>());
            width = c.HiddenSizes[i];
        }
        layers.Add(new Linear<float>(width, c.InputFeatures, rng));
        return new Sequential<float>([.. layers]);
    }
}
