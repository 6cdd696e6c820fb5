namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    private Tensor<T> Map(UnaryOp op, T p0 = default, T p1 = default)
    {
        var x = Contiguous();
        var y = EmptyOn(Backend, Shape);
        if (x.Offset == 0) Backend.Unary(op, x.Storage, y.Storage, Length, p0, p1);
        else
        {
            var packed = x.Clone();
            Backend.Unary(op, packed.Storage, y.Storage, Length, p0, p1);
        }
        return y;
    }

    private static Tensor<T> Zip(BinaryOp op, Tensor<T> a, Tensor<T> b, string name)
    {
        a.RequireSameBackend(b, name);
        var shape = TensorShape.Broadcast(a.Shape, b.Shape, name);
        var y = EmptyOn(a.Backend, shape);
        a.Backend.Binary(op, a.Storage, a.Offset, TensorShape.BroadcastStrides(a.Shape, a.Strides, shape),
            b.Storage, b.Offset, TensorShape.BroadcastStrides(b.Shape, b.Strides, shape), shape, y.Storage);
        return y;
    }

    private Tensor<T> ScalarLike(T value) => Scalar(value, Backend);

    /// <summary>a + b with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Zip(BinaryOp.Add, a, b, "add");
    /// <summary>a − b with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Zip(BinaryOp.Sub, a, b, "sub");
    /// <summary>a · b element-wise with broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Zip(BinaryOp.Mul, a, b, "mul");
    /// <summary>a / b with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Zip(BinaryOp.Div, a, b, "div");
    /// <summary>−a.</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Map(UnaryOp.Neg);
    /// <summary>a + s.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T s) => a.Map(UnaryOp.AddScalar, s);
    /// <summary>s + a.</summary>
    public static Tensor<T> operator +(T s, Tensor<T> a) => a.Map(UnaryOp.AddScalar, s);
    /// <summary>a − s.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T s) => Zip(BinaryOp.Sub, a, a.ScalarLike(s), "sub");
    /// <summary>s − a.</summary>
    public static Tensor<T> operator -(T s, Tensor<T> a) => Zip(BinaryOp.Sub, a.ScalarLike(s), a, "sub");
    /// <summary>a · s.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T s) => a.Map(UnaryOp.MulScalar, s);
    /// <summary>s · a.</summary>
    public static Tensor<T> operator *(T s, Tensor<T> a) => a.Map(UnaryOp.MulScalar, s);
    /// <summary>a / s.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T s) => Zip(BinaryOp.Div, a, a.ScalarLike(s), "div");
    /// <summary>s / a.</summary>
    public static Tensor<T> operator /(T s, Tensor<T> a) => Zip(BinaryOp.Div, a.ScalarLike(s), a, "div");

    /// <summary>−x.</summary>
    public Tensor<T> Neg() => Map(UnaryOp.Neg);
    /// <summary>eˣ.</summary>
    public Tensor<T> Exp() => Map(UnaryOp.Exp);
    /// <summary>ln x.</summary>
    public Tensor<T> Log() => Map(UnaryOp.Log);
    /// <summary>√x.</summary>
    public Tensor<T> Sqrt() => Map(UnaryOp.Sqrt);
    /// <summary>|x|.</summary>
    public Tensor<T> Abs() => Map(UnaryOp.Abs);
    /// <summary>x².</summary>
    public Tensor<T> Square() => Map(UnaryOp.Square);
    /// <summary>max(x, 0).</summary>
    public Tensor<T> Relu() => Map(UnaryOp.Relu);
    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public Tensor<T> LeakyRelu(T slope) => Map(UnaryOp.LeakyRelu, slope);
    /// <summary>The logistic function.</summary>
    public Tensor<T> Sigmoid() => Map(UnaryOp.Sigmoid);
    /// <summary>tanh x.</summary>
    public Tensor<T> Tanh() => Map(UnaryOp.Tanh);
    /// <summary>ln(1 + eˣ), stable for large |x|.</summary>
    public Tensor<T> Softplus() => Map(UnaryOp.Softplus);
    /// <summary>x limited to [min, max].</summary>
    public Tensor<T> Clamp(T min, T max)
    {
        if (min > max) throw new ArgumentException($"clamp: min {min} is greater than max {max}");
        return Map(UnaryOp.Clamp, min, max);
    }
    /// <summary>xᵖ for a scalar exponent.</summary>
    public Tensor<T> Pow(T exponent) => Map(UnaryOp.PowScalar, exponent);
    /// <summary>xᵉ element-wise with broadcasting.</summary>
    public Tensor<T> Pow(Tensor<T> exponent) => Zip(BinaryOp.Pow, this, exponent, "pow");
    /// <summary>Element-wise maximum with broadcasting (NaN propagates).</summary>
    public Tensor<T> Maximum(Tensor<T> other) => Zip(BinaryOp.Maximum, this, other, "maximum");
    /// <summary>Element-wise minimum with broadcasting (NaN propagates).</summary>
    public Tensor<T> Minimum(Tensor<T> other) => Zip(BinaryOp.Minimum, this, other, "minimum");
    /// <summary>1 where equal, 0 elsewhere, with broadcasting.</summary>
    public Tensor<T> EqualMask(Tensor<T> other) => Zip(BinaryOp.Equal, this, other, "equal");
    /// <summary>this · step(<paramref name="gate"/>) in one pass: this where gate &gt; 0, else this · 0 (the ReLU backward).</summary>
    public Tensor<T> MaskPositive(Tensor<T> gate) => Zip(BinaryOp.MaskPositive, this, gate, "mask_positive");
    /// <summary>sign(x) ∈ {−1, 0, 1}.</summary>
    public Tensor<T> Sign() => Map(UnaryOp.Sign);
    /// <summary>1 where x &gt; 0, <paramref name="otherwise"/> elsewhere.</summary>
    public Tensor<T> Step(T otherwise) => Map(UnaryOp.Step, otherwise);
    /// <summary>1 where min ≤ x ≤ max, 0 elsewhere.</summary>
    public Tensor<T> InRange(T min, T max) => Map(UnaryOp.InRange, min, max);
}
