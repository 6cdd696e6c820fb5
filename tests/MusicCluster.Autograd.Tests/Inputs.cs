using MusicCluster.Tensors;

namespace MusicCluster.Autograd.Tests;

/// <summary>Seeded float64 inputs for gradient checks.</summary>
internal static class Inputs
{
    /// <summary>Standard normal values.</summary>
    public static Tensor<double> Normal(int seed, params int[] shape) => Tensor<double>.Normal(new SeededRandom((ulong)seed), 0, 1, shape);

    /// <summary>Values in [low, high).</summary>
    public static Tensor<double> Uniform(int seed, double low, double high, params int[] shape)
        => Tensor<double>.Uniform(new SeededRandom((ulong)seed), low, high, shape);

    /// <summary>Normal values pushed at least <paramref name="gap"/> away from <paramref name="kink"/>, so central differences never straddle it.</summary>
    public static Tensor<double> AwayFrom(double kink, double gap, int seed, params int[] shape)
    {
        var x = Normal(seed, shape).ToArray();
        for (int i = 0; i < x.Length; i++) x[i] = x[i] >= kink ? Math.Max(x[i], kink + gap) : Math.Min(x[i], kink - gap);
        return Tensor<double>.FromArray(x, shape);
    }

    /// <summary>Distinct values (no ties), for max.</summary>
    public static Tensor<double> Distinct(int seed, params int[] shape)
    {
        int n = TensorShape.Numel(shape);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        new SeededRandom((ulong)seed).Shuffle(order.AsSpan());
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.1 * order[i] - 0.05 * n;
        return Tensor<double>.FromArray(x, shape);
    }
}
