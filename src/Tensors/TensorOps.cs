namespace MusicCluster.Tensors;

/// <summary>Element-wise functions of one tensor, with up to two scalar parameters.</summary>
public enum UnaryOp
{
    /// <summary>−x.</summary>
    Neg,
    /// <summary>eˣ.</summary>
    Exp,
    /// <summary>ln x.</summary>
    Log,
    /// <summary>√x.</summary>
    Sqrt,
    /// <summary>|x|.</summary>
    Abs,
    /// <summary>x².</summary>
    Square,
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>x if x &gt; 0 else p0·x.</summary>
    LeakyRelu,
    /// <summary>1 / (1 + e⁻ˣ).</summary>
    Sigmoid,
    /// <summary>tanh x.</summary>
    Tanh,
    /// <summary>ln(1 + eˣ), computed stably.</summary>
    Softplus,
    /// <summary>min(max(x, p0), p1).</summary>
    Clamp,
    /// <summary>x^p0.</summary>
    PowScalar,
    /// <summary>x + p0.</summary>
    AddScalar,
    /// <summary>x · p0.</summary>
    MulScalar,
    /// <summary>sign(x) ∈ {−1, 0, 1}.</summary>
    Sign,
    /// <summary>1 if x &gt; 0 else p0 (the derivative of ReLU and leaky ReLU).</summary>
    Step,
    /// <summary>1 if p0 ≤ x ≤ p1 else 0 (the derivative of clamp).</summary>
    InRange,
}

/// <summary>Element-wise functions of two broadcast tensors.</summary>
public enum BinaryOp
{
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a − b.</summary>
    Sub,
    /// <summary>a · b.</summary>
    Mul,
    /// <summary>a / b.</summary>
    Div,
    /// <summary>aᵇ.</summary>
    Pow,
    /// <summary>max(a, b).</summary>
    Maximum,
    /// <summary>min(a, b).</summary>
    Minimum,
    /// <summary>1 if a == b else 0 (routes max-reduction gradients).</summary>
    Equal,
    /// <summary>a where b &gt; 0, else a · 0: equals a · step(b), the ReLU gradient, in one pass.</summary>
    MaskPositive,
}

/// <summary>Reductions over the middle axis of an [outer, reduce, inner] view.</summary>
public enum ReduceOp
{
    /// <summary>Σ.</summary>
    Sum,
    /// <summary>max.</summary>
    Max,
}
