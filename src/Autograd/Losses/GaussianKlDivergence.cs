using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>KL(N(μ, e^logVar) ‖ N(0, I)) = −½ Σ(1 + logVar − μ² − e^logVar), summed over the non-batch axes and averaged over axis 0.</summary>
    /// <remarks>A scalar. Gradients: μ·g/B for μ and ½(e^logVar − 1)·g/B for logVar.</remarks>
    public static Variable<T> GaussianKlDivergence(Variable<T> mu, Variable<T> logVar)
    {
        if (!TensorShape.SameShape(mu.Shape, logVar.Shape) || mu.Data.Rank < 1)
            throw new ArgumentException($"gaussian_kl: mu {TensorShape.Format(mu.Shape)} and logVar {TensorShape.Format(logVar.Shape)} must have the same shape [batch, ...]");
        int batch = mu.Shape[0];
        var m = mu.Data; var lv = logVar.Data;
        T half = T.One / (T.One + T.One);
        var variance = lv.Exp();
        var terms = (lv + T.One) - m.Square() - variance;
        var loss = terms.Sum() * (-half / T.CreateTruncating(batch));
        return Record(loss, [mu, logVar], g =>
        {
            var scale = g / T.CreateTruncating(batch);
            if (mu.RequiresGrad) mu.Accumulate(m * scale);
            if (logVar.RequiresGrad) logVar.Accumulate((variance - T.One) * (scale * half));
        });
    }
}
