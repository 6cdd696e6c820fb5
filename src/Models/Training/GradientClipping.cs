using System.Numerics;

namespace MusicCluster.Models.Training;

/// <summary>Gradient clipping by the global L2 norm over all parameters, as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static double ClipGlobalNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0)) throw new ArgumentException($"the maximum gradient norm must be positive, got {maxNorm}");
        var list = new List<Parameter<T>>();
        double sumSquares = 0;
        foreach (var p in parameters)
        {
            if (p.Grad is null) continue;
            list.Add(p);
            sumSquares += double.CreateTruncating(p.Grad.Square().Sum().ToScalar());
        }
        double norm = Math.Sqrt(sumSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            T c = T.CreateTruncating(coefficient);
            foreach (var p in list) p.Grad = p.Grad! * c;
        }
        return norm;
    }
}
