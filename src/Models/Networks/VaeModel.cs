using MusicCluster.Autograd;
using MusicCluster.Models.Layers;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Networks;

/// <summary>The shared shape of our VAEs: encoder → (fc_mu, fc_logvar) → reparameterised z → decoder.</summary>
/// <remarks>
/// Parameter names match the PyTorch reference (tests/reference/models_*.py): <c>encoder.*</c>, <c>fc_mu.*</c>,
/// <c>fc_logvar.*</c>, <c>decoder.*</c>. The reconstruction loss is the squared error summed over each sample's elements
/// and averaged over the batch — the same reduction as the KL term, so β keeps its usual meaning.
/// A deterministic model (the autoencoder) uses z = μ and never samples.
/// </remarks>
public abstract class VaeModel : Module<float>
{
    private readonly Layer<float> _encoder;
    private readonly Linear<float> _fcMu, _fcLogVar;
    private readonly Layer<float> _decoder;

    private protected VaeModel(Layer<float> encoder, int encodedFeatures, int latent, Func<SeededRandom, Layer<float>> decoder,
        SeededRandom initRng, ulong seed, double beta, bool deterministic, int[] sampleShape)
    {
        if (latent < 1) throw new ArgumentException($"latent size must be positive, got {latent}");
        if (!(beta >= 0) || double.IsInfinity(beta)) throw new ArgumentException($"β must be a finite number ≥ 0, got {beta}");
        Latent = latent;
        Beta = beta;
        Deterministic = deterministic;
        Seed = seed;
        SampleShape = sampleShape;
        _encoder = RegisterModule("encoder", encoder);
        _fcMu = RegisterModule("fc_mu", new Linear<float>(encodedFeatures, latent, initRng));
        _fcLogVar = RegisterModule("fc_logvar", new Linear<float>(encodedFeatures, latent, initRng));
        _decoder = RegisterModule("decoder", decoder(initRng));
        Rng = new SeededRandom(seed, stream: 1);
    }

    /// <summary>Size of the latent code.</summary>
    public int Latent { get; }

    /// <summary>Weight of the KL term in the loss (1 for a plain VAE, 0 for the autoencoder).</summary>
    public double Beta { get; }

    /// <summary>Whether z = μ always (no sampling): the autoencoder.</summary>
    public bool Deterministic { get; }

    /// <summary>The seed the model was created with.</summary>
    public ulong Seed { get; }

    /// <summary>The shape of one sample (without the batch axis).</summary>
    public int[] SampleShape { get; }

    /// <summary>The generator of the reparameterisation noise (its state is saved in checkpoints).</summary>
    public SeededRandom Rng { get; }

    /// <summary>The model's kind and configuration as JSON, stored in checkpoints.</summary>
    public abstract string ConfigJson { get; }

    /// <summary>The model's kind, as stored in checkpoints ("Vae", "ConvVae", …).</summary>
    public abstract string Kind { get; }

    /// <summary>The posterior parameters (μ, log σ²) of a batch.</summary>
    public (Variable<float> Mu, Variable<float> LogVar) Encode(Variable<float> x)
    {
        CheckInput(x.Shape);
        var h = _encoder.Forward(x);
        return (_fcMu.Forward(h), _fcLogVar.Forward(h));
    }

    /// <summary>Maps latent codes [N, latent] back to samples.</summary>
    public Variable<float> Decode(Variable<float> z) => _decoder.Forward(z);

    /// <summary>z = μ + σ·ε with ε ~ N(0, I) from <see cref="Rng"/>; μ itself in evaluation mode or for a deterministic model.</summary>
    public Variable<float> Reparameterize(Variable<float> mu, Variable<float> logVar)
    {
        if (Deterministic || !IsTraining) return mu;
        var eps = Tensor<float>.Normal(Rng, 0f, 1f, mu.Shape).To(mu.Data.Backend);
        return mu + (logVar * 0.5f).Exp() * new Variable<float>(eps);
    }

    /// <summary>Encode, sample, decode.</summary>
    public VaeOutput Forward(Variable<float> x)
    {
        var (mu, logVar) = Encode(x);
        var z = Reparameterize(mu, logVar);
        return new VaeOutput(Decode(z), mu, logVar, z);
    }

    /// <summary>The loss of a batch; <paramref name="beta"/> overrides <see cref="Beta"/> (KL warm-up).</summary>
    public VaeLoss Loss(Variable<float> x, double? beta = null)
    {
        var output = Forward(x);
        return Loss(output, x, beta ?? Beta);
    }

    /// <summary>The loss of a forward pass already made.</summary>
    public static VaeLoss Loss(VaeOutput output, Variable<float> x, double beta)
    {
        int batch = x.Shape[0];
        var recon = Variable<float>.MseLoss(output.Reconstruction, x, Reduction.Sum) / (float)batch;
        var kl = Variable<float>.GaussianKlDivergence(output.Mu, output.LogVar);
        // β = 0 leaves the KL out of the graph: 0·∞ would otherwise turn an overflowing KL into a NaN loss.
        var total = beta == 0 ? recon : recon + kl * (float)beta;
        return new VaeLoss(total, recon.Data.ToScalar(), kl.Data.ToScalar(), beta);
    }

    /// <summary>μ for every sample of <paramref name="data"/> [N, …] in evaluation mode, without gradients, in batches.</summary>
    public Tensor<float> Embed(Tensor<float> data, int batchSize = 256) => MapBatches(data, batchSize, x => Encode(x).Mu.Data);

    /// <summary>decode(μ) for every sample of <paramref name="data"/>, without gradients, in batches.</summary>
    public Tensor<float> Reconstruct(Tensor<float> data, int batchSize = 256) => MapBatches(data, batchSize, x => Decode(Encode(x).Mu).Data);

    private Tensor<float> MapBatches(Tensor<float> data, int batchSize, Func<Variable<float>, Tensor<float>> map)
    {
        if (batchSize < 1) throw new ArgumentException($"batch size must be positive, got {batchSize}");
        CheckInput(data.Shape);
        bool wasTraining = IsTraining;
        Eval();
        try
        {
            using var _ = GradMode.Disable();
            var parts = new List<Tensor<float>>();
            var backend = Backend;
            for (int start = 0; start < data.Shape[0]; start += batchSize)
            {
                int n = Math.Min(batchSize, data.Shape[0] - start);
                parts.Add(map(new Variable<float>(data.Slice(start, n).To(backend))).ToCpu());
            }
            return parts.Count == 1 ? parts[0] : Tensor<float>.Concat(0, [.. parts]);
        }
        finally
        {
            if (wasTraining) Train();
        }
    }

    private void CheckInput(int[] shape)
    {
        bool ok = shape.Length == SampleShape.Length + 1 && shape[0] >= 1;
        for (int i = 0; ok && i < SampleShape.Length; i++) ok = shape[i + 1] == SampleShape[i];
        if (!ok) throw new ArgumentException($"{Kind} expects input [N, {string.Join(", ", SampleShape)}], got {TensorShape.Format(shape)}");
    }
}
