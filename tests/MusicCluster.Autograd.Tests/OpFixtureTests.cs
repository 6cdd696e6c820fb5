using MusicCluster.Tensors;
using V = MusicCluster.Autograd.Variable<float>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Every op against PyTorch 1.13 in float32 (fixtures from tests/reference/torch_ops.py).</summary>
/// <remarks>
/// Each case holds inputs, torch's output and the gradients of sum(output·w) for fixed random weights w. Values agree
/// when |ours − torch| ≤ atol + rtol·|torch| with rtol = atol = 1e-5, as torch.allclose(ours, torch, 1e-5, 1e-5).
/// </remarks>
public class OpFixtureTests
{
    private const double Rtol = 1e-5, Atol = 1e-5;

    // The same functions as the Python cases of the same name.
    private static readonly Dictionary<string, Func<V[], V>> Cases = new()
    {
        ["add_same"] = v => v[0] + v[1],
        ["add_bcast_row"] = v => v[0] + v[1],
        ["add_bcast_both"] = v => v[0] + v[1],
        ["sub_bcast_column"] = v => v[0] - v[1],
        ["mul_bcast_scalar"] = v => v[0] * v[1],
        ["mul_transposed"] = v => v[0].Transpose() * v[1],
        ["div_bcast"] = v => v[0] / v[1],
        ["div_narrowed"] = v => v[1] / v[0].Narrow(1, 1, 4),
        ["add_scalar"] = v => v[0] + 1.5f,
        ["rsub_scalar"] = v => 0.25f - v[0],
        ["sub_scalar"] = v => v[0] - 0.75f,
        ["radd_rmul_scalar"] = v => 2f * (1.5f + v[0]),
        ["mul_scalar"] = v => v[0] * -3f,
        ["div_scalar"] = v => v[0] / 4f,
        ["neg"] = v => -v[0],
        ["exp"] = v => v[0].Exp(),
        ["log"] = v => v[0].Log(),
        ["sqrt"] = v => v[0].Sqrt(),
        ["square"] = v => v[0].Square(),
        ["pow_2"] = v => v[0].Pow(2f),
        ["pow_neg1_5"] = v => v[0].Pow(-1.5f),
        ["pow_0_5"] = v => v[0].Pow(0.5f),
        ["abs"] = v => v[0].Abs(),
        ["clamp"] = v => v[0].Clamp(-0.5f, 0.5f),
        ["relu"] = v => v[0].Relu(),
        ["leaky_relu"] = v => v[0].LeakyRelu(0.2f),
        ["sigmoid"] = v => v[0].Sigmoid(),
        ["tanh"] = v => v[0].Tanh(),
        ["softplus"] = v => v[0].Softplus(),
        ["sum_all"] = v => v[0].Sum(),
        ["sum_axes_0_2"] = v => v[0].Sum([0, 2]),
        ["sum_axis1_keep"] = v => v[0].Sum(1, keepDims: true),
        ["mean_all"] = v => v[0].Mean(),
        ["mean_axes_keep"] = v => v[0].Mean([0, 2], keepDims: true),
        ["mean_last_transposed"] = v => v[0].Transpose().Mean(-1),
        ["max_all"] = v => v[0].Max(),
        ["max_axis1"] = v => v[0].Max(1),
        ["max_axes_keep"] = v => v[0].Max([0, 2], keepDims: true),
        ["max_ties"] = v => v[0].Max(1),
        ["var_unbiased_axes"] = v => v[0].Variance([0, 2], unbiased: true),
        ["var_biased_all"] = v => v[0].Variance(unbiased: false),
        ["var_keep"] = v => v[0].Variance([1], unbiased: true, keepDims: true),
        ["reshape"] = v => v[0].Reshape(4, -1),
        ["reshape_transposed"] = v => v[0].Transpose().Reshape(3, 8),
        ["permute"] = v => v[0].Permute(2, 0, 1),
        ["transpose_axes"] = v => v[0].Transpose(0, 2),
        ["transpose_last"] = v => v[0].Transpose(),
        ["narrow"] = v => v[0].Narrow(2, 1, 3),
        ["slice"] = v => v[0].Slice(1, 2),
        ["views_of_views"] = v => v[0].Slice(1, 2).Narrow(2, 1, 3).Transpose(0, 2),
        ["unsqueeze"] = v => v[0].Unsqueeze(1),
        ["squeeze"] = v => v[0].Squeeze(1),
        ["broadcast_to"] = v => v[0].BroadcastTo(2, 3, 4),
        ["concat_axis0"] = v => V.Concat(0, v[0], v[1]),
        ["concat_axis1"] = v => V.Concat(1, v[0], v[1], v[0]),
        ["concat_axis2"] = v => V.Concat(-1, v[1], v[0]),
        ["matmul"] = v => V.MatMul(v[0], v[1]),
        ["matmul_batched"] = v => V.MatMul(v[0], v[1]),
        ["matmul_shared_right"] = v => V.MatMul(v[0], v[1]),
        ["matmul_transposed"] = v => V.MatMul(v[0].Transpose(), v[1].Transpose()),
        ["linear"] = v => V.Linear(v[0], v[1], v[2]),
        ["linear_no_bias"] = v => V.Linear(v[0], v[1]),
        ["linear_batched"] = v => V.Linear(v[0], v[1], v[2]),
        ["conv2d"] = v => V.Conv2d(v[0], v[1], v[2]),
        ["conv2d_stride2_pad1"] = v => V.Conv2d(v[0], v[1], v[2], stride: 2, padding: 1),
        ["conv2d_stride3_pad2_no_bias"] = v => V.Conv2d(v[0], v[1], null, stride: 3, padding: 2),
        ["conv_transpose2d"] = v => V.ConvTranspose2d(v[0], v[1], v[2]),
        ["conv_transpose2d_s2_p1_op1"] = v => V.ConvTranspose2d(v[0], v[1], v[2], stride: 2, padding: 1, outputPadding: 1),
        ["conv_transpose2d_k4_s2_p1_no_bias"] = v => V.ConvTranspose2d(v[0], v[1], null, stride: 2, padding: 1),
        ["mse_mean"] = v => V.MseLoss(v[0], v[1]),
        ["mse_sum"] = v => V.MseLoss(v[0], v[1], Reduction.Sum),
        ["mse_none"] = v => V.MseLoss(v[0], v[1], Reduction.None),
        ["bce_logits_mean"] = v => V.BinaryCrossEntropyWithLogits(v[0], v[1]),
        ["bce_logits_sum"] = v => V.BinaryCrossEntropyWithLogits(v[0], v[1], Reduction.Sum),
        ["bce_logits_none"] = v => V.BinaryCrossEntropyWithLogits(v[0], v[1], Reduction.None),
        ["gaussian_kl"] = v => V.GaussianKlDivergence(v[0], v[1]),
    };

    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Cases.Keys) data.Add(name);
            return data;
        }
    }

    [Fact]
    public void EveryFixtureHasACaseAndEveryCaseAFixture()
        => Assert.Equal(Cases.Keys.Order(StringComparer.Ordinal), Fixture.List("ops"));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string name)
    {
        var fx = Fixture.Load($"ops/{name}.json");
        Assert.Equal(name, fx.String("case"));
        int count = (int)fx.Scalar("inputs");
        var inputs = new V[count];
        for (int i = 0; i < count; i++) inputs[i] = new V(Load(fx, $"x{i}"), requiresGrad: true, name: $"x{i}");

        var y = Cases[name](inputs);
        AssertClose(fx, "out", y.Data, name);
        (y * new V(Load(fx, "w"))).Sum().Backward();
        for (int i = 0; i < count; i++)
        {
            var grad = inputs[i].Grad ?? Tensor<float>.Zeros(inputs[i].Shape);
            AssertClose(fx, $"g{i}", grad, name);
        }
    }

    private static Tensor<float> Load(Fixture fx, string key) => Tensor<float>.FromArray(fx.Floats(key), fx.Shape(key));

    private static void AssertClose(Fixture fx, string key, Tensor<float> actual, string name)
    {
        Assert.Equal(fx.Shape(key), actual.Shape);
        var expected = fx.Doubles(key);
        var got = actual.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(got[i] - expected[i]);
            Assert.True(diff <= Atol + Rtol * Math.Abs(expected[i]),
                $"{name}: {key}[{i}] is {got[i]:R}, PyTorch {expected[i]:R} (|difference| {diff:G3})");
        }
    }
}
