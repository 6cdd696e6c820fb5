namespace MusicCluster.Autograd;

/// <summary>The worst entry of a gradient check: where |analytical − numerical| exceeded its tolerance most (or came closest to it).</summary>
/// <param name="Passed">Whether every entry was within atol + rtol·|numerical|.</param>
/// <param name="AbsoluteError">|analytical − numerical| at the worst entry.</param>
/// <param name="InputIndex">Which input the entry belongs to.</param>
/// <param name="ElementIndex">The input element (row-major index).</param>
/// <param name="OutputIndex">The output element (row-major index).</param>
/// <param name="Analytical">The gradient from backward.</param>
/// <param name="Numerical">The central-difference estimate.</param>
/// <param name="Tolerance">atol + rtol·|numerical| for that entry.</param>
public readonly record struct GradCheckResult(bool Passed, double AbsoluteError, int InputIndex, int ElementIndex, int OutputIndex,
    double Analytical, double Numerical, double Tolerance)
{
    /// <inheritdoc />
    public override string ToString()
        => $"gradcheck {(Passed ? "passed" : "failed")}: input {InputIndex}, element {ElementIndex}, output {OutputIndex}: analytical {Analytical:R}, numerical {Numerical:R}, |difference| {AbsoluteError:G3} (tolerance {Tolerance:G3})";
}
