using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>y = x·Wᵀ + b with W of shape [out, in], as <c>torch.nn.Linear</c>.</summary>
public sealed class Linear<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with PyTorch's default initialisation from <paramref name="rng"/> (weight first, then bias).</summary>
    public Linear(int inFeatures, int outFeatures, SeededRandom rng, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1) throw new ArgumentException($"Linear needs positive sizes, got {inFeatures} → {outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Init.DefaultUniform<T>(rng, inFeatures, outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Init.DefaultUniform<T>(rng, inFeatures, outFeatures)) : null;
    }

    /// <summary>Input size.</summary>
    public int InFeatures { get; }

    /// <summary>Output size.</summary>
    public int OutFeatures { get; }

    /// <summary>[out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>[out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => Variable<T>.Linear(x, Weight.Value, Bias?.Value);
}
