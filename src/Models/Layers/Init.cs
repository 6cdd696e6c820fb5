using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>PyTorch's default initialisation, drawn from our seeded generator.</summary>
/// <remarks>
/// kaiming_uniform_(a = √5) gives the bound gain·√(3 / fan_in) with gain = √(2 / (1 + a²)) = √(1/3), i.e. 1/√fan_in;
/// biases use the same bound. fan_in is weight.size(1) × the kernel area, as torch computes it — for a transposed
/// convolution ([Cin, Cout, kh, kw]) that is Cout·kh·kw.
/// </remarks>
public static class Init
{
    /// <summary>fan_in of a weight shape, as <c>torch.nn.init._calculate_fan_in_and_fan_out</c>.</summary>
    public static int FanIn(int[] weightShape)
    {
        if (weightShape.Length < 2) throw new ArgumentException($"fan_in needs a weight of rank ≥ 2, got {TensorShape.Format(weightShape)}");
        int receptive = 1;
        for (int i = 2; i < weightShape.Length; i++) receptive *= weightShape[i];
        return weightShape[1] * receptive;
    }

    /// <summary>Uniform in [−1/√fan_in, 1/√fan_in): the default for weights and biases of Linear and the convolutions.</summary>
    public static Tensor<T> DefaultUniform<T>(SeededRandom rng, int fanIn, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T bound = fanIn > 0 ? T.One / T.Sqrt(T.CreateTruncating(fanIn)) : T.Zero;
        return Tensor<T>.Uniform(rng, -bound, bound, shape);
    }
}
