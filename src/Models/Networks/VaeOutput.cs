using MusicCluster.Autograd;

namespace MusicCluster.Models.Networks;

/// <summary>One forward pass of a VAE: the reconstruction, the posterior parameters and the latent sample used.</summary>
public sealed record VaeOutput(Variable<float> Reconstruction, Variable<float> Mu, Variable<float> LogVar, Variable<float> Z);

/// <summary>The loss of one batch: the total to back-propagate and its two parts as numbers (per sample).</summary>
/// <remarks>Total = Reconstruction + β·Kl, where Reconstruction is the squared error summed over a sample's elements and
/// Kl the Gaussian KL divergence to N(0, I), both averaged over the batch.</remarks>
public sealed record VaeLoss(Variable<float> Total, double Reconstruction, double Kl, double Beta)
{
    /// <summary>The value of <see cref="Total"/>.</summary>
    public double Value => Total.Data.ToScalar();
}
