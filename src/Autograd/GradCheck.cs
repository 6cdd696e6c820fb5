using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

/// <summary>Compares the gradients that backward computes with float64 central differences, as torch.autograd.gradcheck.</summary>
/// <remarks>
/// The full Jacobian is checked: one backward pass per output element (a one-hot output gradient) against one pair of
/// perturbed forward passes per input element. An entry passes when |analytical − numerical| ≤ atol + rtol·|numerical|.
/// Inputs are perturbed in place (and restored), so transposed or narrowed views stay views; broadcast views, whose
/// elements alias one another, are rejected.
/// </remarks>
public static class GradCheck
{
    /// <summary>PyTorch's default perturbation.</summary>
    public const double DefaultEps = 1e-6;
    /// <summary>PyTorch's default absolute tolerance.</summary>
    public const double DefaultAtol = 1e-5;
    /// <summary>PyTorch's default relative tolerance.</summary>
    public const double DefaultRtol = 1e-3;

    /// <summary>Checks <paramref name="f"/> at <paramref name="inputs"/> with the default tolerances.</summary>
    public static GradCheckResult Check(Func<Variable<double>[], Variable<double>> f, params Tensor<double>[] inputs)
        => Check(f, inputs, DefaultEps, DefaultAtol, DefaultRtol);

    /// <summary>Checks <paramref name="f"/> at <paramref name="inputs"/> with the given perturbation and tolerances.</summary>
    public static GradCheckResult Check(Func<Variable<double>[], Variable<double>> f, Tensor<double>[] inputs, double eps, double atol, double rtol)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (inputs.Length == 0) throw new ArgumentException("gradcheck needs at least one input");
        for (int i = 0; i < inputs.Length; i++) RequireDistinctElements(inputs[i], i);

        var analytical = AnalyticalJacobians(f, inputs, out int outputs);
        var worst = new GradCheckResult(true, 0, -1, -1, -1, 0, 0, 0);
        double worstExcess = double.NegativeInfinity;
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            for (int e = 0; e < x.Length; e++)
            {
                var numerical = NumericalColumn(f, inputs, i, e, eps);
                for (int o = 0; o < outputs; o++)
                {
                    double a = analytical[i][o, e], n = numerical[o];
                    double error = Math.Abs(a - n);
                    double excess = double.IsNaN(error) ? double.PositiveInfinity : error - (atol + rtol * Math.Abs(n));
                    if (excess > worstExcess)
                    {
                        worstExcess = excess;
                        worst = new GradCheckResult(excess <= 0, error, i, e, o, a, n, atol + rtol * Math.Abs(n));
                    }
                }
            }
        }
        return worst;
    }

    /// <summary>Throws <see cref="GradCheckFailedException"/> naming the worst entry unless <see cref="Check(Func{Variable{double}[], Variable{double}}, Tensor{double}[])"/> passes.</summary>
    public static GradCheckResult Assert(Func<Variable<double>[], Variable<double>> f, params Tensor<double>[] inputs)
        => Assert(f, inputs, DefaultEps, DefaultAtol, DefaultRtol);

    /// <summary>As <see cref="Assert(Func{Variable{double}[], Variable{double}}, Tensor{double}[])"/> with the given perturbation and tolerances.</summary>
    public static GradCheckResult Assert(Func<Variable<double>[], Variable<double>> f, Tensor<double>[] inputs, double eps, double atol, double rtol)
    {
        var result = Check(f, inputs, eps, atol, rtol);
        if (!result.Passed) throw new GradCheckFailedException(result);
        return result;
    }

    // Row o of input i's Jacobian is the gradient of output element o, from one backward pass with a one-hot seed.
    private static double[][,] AnalyticalJacobians(Func<Variable<double>[], Variable<double>> f, Tensor<double>[] inputs, out int outputs)
    {
        var probe = Evaluate(f, inputs, requiresGrad: false);
        outputs = probe.Length;
        var jacobians = new double[inputs.Length][,];
        for (int i = 0; i < inputs.Length; i++) jacobians[i] = new double[outputs, inputs[i].Length];
        var seed = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            var vars = Wrap(inputs, requiresGrad: true);
            var y = f(vars);
            if (!TensorShape.SameShape(y.Shape, probe.Shape))
                throw new InvalidOperationException($"gradcheck: the function returned shape {TensorShape.Format(y.Shape)}, then {TensorShape.Format(probe.Shape)}");
            if (!y.RequiresGrad) continue; // no input reaches the output: every gradient is zero
            Array.Clear(seed);
            seed[o] = 1;
            y.Backward(Tensor<double>.FromArray(seed, y.Shape).To(y.Data.Backend));
            for (int i = 0; i < inputs.Length; i++)
            {
                var grad = vars[i].Grad;
                if (grad is null) continue;
                if (!TensorShape.SameShape(grad.Shape, inputs[i].Shape))
                    throw new InvalidOperationException($"gradcheck: gradient of input {i} has shape {TensorShape.Format(grad.Shape)}, the input {TensorShape.Format(inputs[i].Shape)}");
                var g = grad.ToArray();
                for (int e = 0; e < g.Length; e++) jacobians[i][o, e] = g[e];
            }
        }
        return jacobians;
    }

    // Column e of input i's Jacobian: (f(x + eps) − f(x − eps)) / 2eps, perturbing the element in place.
    private static double[] NumericalColumn(Func<Variable<double>[], Variable<double>> f, Tensor<double>[] inputs, int input, int element, double eps)
    {
        var cell = Element(inputs[input], element);
        double original = cell.ToScalar();
        try
        {
            cell.CopyFrom(Tensor<double>.Scalar(original + eps, cell.Backend));
            var plus = Evaluate(f, inputs, requiresGrad: false).ToArray();
            cell.CopyFrom(Tensor<double>.Scalar(original - eps, cell.Backend));
            var minus = Evaluate(f, inputs, requiresGrad: false).ToArray();
            for (int o = 0; o < plus.Length; o++) plus[o] = (plus[o] - minus[o]) / (2 * eps);
            return plus;
        }
        finally
        {
            cell.CopyFrom(Tensor<double>.Scalar(original, cell.Backend));
        }
    }

    private static Tensor<double> Evaluate(Func<Variable<double>[], Variable<double>> f, Tensor<double>[] inputs, bool requiresGrad)
    {
        using (GradMode.Disable()) return f(Wrap(inputs, requiresGrad)).Data;
    }

    private static Variable<double>[] Wrap(Tensor<double>[] inputs, bool requiresGrad)
    {
        var vars = new Variable<double>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) vars[i] = new Variable<double>(inputs[i], requiresGrad, $"input {i}");
        return vars;
    }

    // A one-element view of element `flat` (row-major) of x, which may itself be a strided view.
    private static Tensor<double> Element(Tensor<double> x, int flat)
    {
        var view = x;
        for (int axis = x.Rank - 1; axis >= 0; axis--)
        {
            int size = x.Shape[axis];
            view = view.Narrow(axis, flat % size, 1);
            flat /= size;
        }
        return view;
    }

    private static void RequireDistinctElements(Tensor<double> x, int index)
    {
        for (int axis = 0; axis < x.Rank; axis++)
            if (x.Shape[axis] > 1 && x.Strides[axis] == 0)
                throw new ArgumentException($"gradcheck: input {index} of shape {TensorShape.Format(x.Shape)} is a broadcast view whose elements share memory; pass a Clone()");
    }
}
