namespace MusicCluster.Autograd;

/// <summary>How a loss combines its per-element values, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The mean over all elements (a scalar).</summary>
    Mean,
    /// <summary>The sum over all elements (a scalar).</summary>
    Sum,
    /// <summary>No reduction: one value per element.</summary>
    None,
}
