using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

/// <summary>Thrown by <see cref="GradCheck.Assert(Func{Variable{double}[], Variable{double}}, Tensor{double}[])"/> when a gradient is wrong.</summary>
public sealed class GradCheckFailedException(GradCheckResult result) : Exception(result.ToString())
{
    /// <summary>The worst entry.</summary>
    public GradCheckResult Result { get; } = result;
}
