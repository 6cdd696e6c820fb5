using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>Zeroes each element with probability p in training and scales the rest by 1/(1 − p); identity in evaluation.</summary>
/// <remarks>The mask comes from the layer's own seeded generator, so runs repeat exactly; its state is <see cref="Rng"/>.</remarks>
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A dropout layer drawing its masks from <paramref name="rng"/>.</summary>
    public Dropout(double p, SeededRandom rng)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentException($"dropout probability must be in [0, 1), got {p}");
        P = p;
        Rng = rng;
    }

    /// <summary>The drop probability.</summary>
    public double P { get; }

    /// <summary>The generator of the masks.</summary>
    public SeededRandom Rng { get; }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x)
    {
        if (!IsTraining || P == 0) return x;
        var mask = new T[x.Data.Length];
        T keep = T.CreateTruncating(1.0 / (1.0 - P));
        for (int i = 0; i < mask.Length; i++) mask[i] = Rng.NextDouble() < P ? T.Zero : keep;
        var m = Tensor<T>.Wrap(mask, x.Shape).To(x.Data.Backend);
        return x * new Variable<T>(m);
    }
}
