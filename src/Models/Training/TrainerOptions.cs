namespace MusicCluster.Models.Training;

/// <summary>How a <see cref="Trainer"/> runs.</summary>
/// <param name="Epochs">Total epochs (a resumed run continues up to this number).</param>
/// <param name="BatchSize">Samples per mini-batch (the last batch of an epoch may be smaller).</param>
/// <param name="Seed">Seeds the shuffling and the validation split.</param>
/// <param name="KlWarmupEpochs">β grows linearly as β·min(1, (epoch + 1) / N) over the first N epochs; 0 = no warm-up.</param>
/// <param name="ValidationFraction">Share of samples held out (fixed by the seed) for validation; 0 = none.</param>
/// <param name="Patience">Stop after this many epochs without a better validation loss and restore the best weights; 0 = never.</param>
/// <param name="ClipNorm">Clip gradients to this global L2 norm; null = no clipping.</param>
public sealed record TrainerOptions(int Epochs = 10, int BatchSize = 32, ulong Seed = 0, int KlWarmupEpochs = 0,
    double ValidationFraction = 0, int Patience = 0, double? ClipNorm = null)
{
    /// <summary>Throws on values that cannot work, naming the option.</summary>
    public void Validate()
    {
        if (Epochs < 0) throw new ArgumentException($"epochs must be ≥ 0, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be positive, got {BatchSize}");
        if (KlWarmupEpochs < 0) throw new ArgumentException($"KL warm-up epochs must be ≥ 0, got {KlWarmupEpochs}");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentException($"validation fraction must be in [0, 1), got {ValidationFraction}");
        if (Patience < 0) throw new ArgumentException($"patience must be ≥ 0, got {Patience}");
        if (Patience > 0 && ValidationFraction == 0) throw new ArgumentException("early stopping (patience > 0) needs a validation fraction > 0");
        if (ClipNorm is { } c && !(c > 0)) throw new ArgumentException($"gradient clip norm must be positive, got {c}");
    }
}

/// <summary>The averages of one epoch (per sample), reported through the trainer's progress callback.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss per sample (reconstruction + β·KL).</param>
/// <param name="Reconstruction">Mean squared error summed over a sample's elements, averaged over samples.</param>
/// <param name="Kl">Mean KL divergence to N(0, I) per sample.</param>
/// <param name="Beta">The KL weight used in this epoch (after warm-up).</param>
/// <param name="ValidationLoss">Loss on the validation split with the model's full β and z = μ, or null without a split.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
public sealed record EpochReport(int Epoch, double Loss, double Reconstruction, double Kl, double Beta, double? ValidationLoss, double Seconds);

/// <summary>Training stopped at a non-finite loss.</summary>
public sealed class NonFiniteLossException(string message) : InvalidOperationException(message);
