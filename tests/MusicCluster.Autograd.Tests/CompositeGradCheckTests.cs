using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Whole small models checked end to end: the ops compose, and reused values accumulate correctly.</summary>
public class CompositeGradCheckTests
{
    [Fact]
    public void TinyConvVaeLoss()
    {
        // encoder conv → flatten → linear to (μ, logVar) → reparameterise with fixed noise → linear → reshape →
        // transposed conv → BCE with logits against the input, plus KL.
        var image = Uniform(200, 0, 1, 2, 1, 6, 6);
        var noise = new V(Normal(201, 2, 2));
        V Loss(V[] p)
        {
            var (convW, convB, encW, encB, decW, decB, deconvW, deconvB) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
            var x = new V(image);
            var h = V.Conv2d(x, convW, convB, stride: 2, padding: 1).LeakyRelu(0.1);   // [2, 2, 3, 3]
            var flat = h.Reshape(2, 18);
            var stats = V.Linear(flat, encW, encB);                                   // [2, 4]
            var mu = stats.Narrow(1, 0, 2);
            var logVar = stats.Narrow(1, 2, 2);
            var z = mu + noise * (logVar * 0.5).Exp();
            var d = V.Linear(z, decW, decB).Softplus().Reshape(2, 2, 3, 3);
            var logits = V.ConvTranspose2d(d, deconvW, deconvB, stride: 2, padding: 1, outputPadding: 1); // [2, 1, 6, 6]
            var reconstruction = V.BinaryCrossEntropyWithLogits(logits, x, Reduction.Sum) / 2.0;
            return reconstruction + V.GaussianKlDivergence(mu, logVar);
        }
        var result = GradCheck.Assert(Loss,
            Normal(202, 2, 1, 3, 3), Normal(203, 2), Normal(204, 4, 18) * 0.3, Normal(205, 4),
            Normal(206, 18, 2) * 0.5, Normal(207, 18), Normal(208, 2, 1, 3, 3), Normal(209, 1));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void LayerNormStyleExpressionWithBroadcastReductions()
    {
        // (x − mean) / sqrt(var + ε) · γ + β over the last axis: reductions with keepDims feeding broadcasts.
        V Norm(V[] p)
        {
            var x = p[0];
            var centred = x - x.Mean(-1, keepDims: true);
            var scale = (x.Variance([-1], unbiased: false, keepDims: true) + 1e-3).Sqrt();
            return centred / scale * p[1] + p[2];
        }
        Assert.True(GradCheck.Assert(Norm, Normal(210, 3, 5), Normal(211, 5), Normal(212, 5)).Passed);
    }
}
