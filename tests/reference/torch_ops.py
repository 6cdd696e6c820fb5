"""Fixtures for the autograd ops: for a fixed set of cases, float32 inputs, PyTorch's forward output, and the
gradients of sum(output * w) with respect to every input, for fixed random weights w.

Run with Debian's interpreter: /usr/bin/python3 tests/reference/torch_ops.py
Writes tests/reference/fixtures/ops/<case>.json; the C# side (OpFixtureTests) holds the same case names and
applies the same functions, and compares with torch.allclose-style tolerances (rtol = atol = 1e-5).
"""
import numpy as np
import torch
import torch.nn.functional as F

import fixture_io

torch.manual_seed(0)


def normal(rng, *shape):
    return rng.standard_normal(shape).astype(np.float32)


def uniform(rng, lo, hi, *shape):
    return rng.uniform(lo, hi, shape).astype(np.float32)


def away(rng, kink, gap, *shape):
    x = normal(rng, *shape)
    return np.where(x >= kink, np.maximum(x, kink + gap), np.minimum(x, kink - gap)).astype(np.float32)


def away_from_both(rng, lo, hi, gap, *shape):
    x = away(rng, lo, gap, *shape)
    return np.where(np.abs(x - hi) < gap, hi + gap, x).astype(np.float32)


def distinct(rng, *shape):
    n = int(np.prod(shape))
    return (0.1 * rng.permutation(n) - 0.05 * n).astype(np.float32).reshape(shape)


CASES = []


def case(name, inputs, fn):
    CASES.append((name, inputs, fn))


r = np.random.default_rng(20261124)

# Element-wise binary ops with broadcasting.
case("add_same", [normal(r, 2, 3), normal(r, 2, 3)], lambda a, b: a + b)
case("add_bcast_row", [normal(r, 2, 3, 4), normal(r, 4)], lambda a, b: a + b)
case("add_bcast_both", [normal(r, 1, 3, 1), normal(r, 2, 1, 4)], lambda a, b: a + b)
case("sub_bcast_column", [normal(r, 2, 3, 4), normal(r, 3, 1)], lambda a, b: a - b)
case("mul_bcast_scalar", [normal(r, 2, 3), normal(r)], lambda a, b: a * b)
case("mul_transposed", [normal(r, 4, 3), normal(r, 3, 4)], lambda a, b: a.t() * b)
case("div_bcast", [normal(r, 2, 3, 4), uniform(r, 0.5, 2, 3, 1)], lambda a, b: a / b)
case("div_narrowed", [uniform(r, 0.5, 2, 3, 6), normal(r, 3, 4)], lambda a, b: b / a.narrow(1, 1, 4))
# Scalar arithmetic.
case("add_scalar", [normal(r, 2, 3)], lambda a: a + 1.5)
case("rsub_scalar", [normal(r, 2, 3)], lambda a: 0.25 - a)
case("sub_scalar", [normal(r, 2, 3)], lambda a: a - 0.75)
case("radd_rmul_scalar", [normal(r, 2, 3)], lambda a: 2.0 * (1.5 + a))
case("mul_scalar", [normal(r, 2, 3)], lambda a: a * -3.0)
case("div_scalar", [normal(r, 2, 3)], lambda a: a / 4.0)
case("neg", [normal(r, 2, 3)], lambda a: -a)
# Unary functions.
case("exp", [normal(r, 3, 4)], torch.exp)
case("log", [uniform(r, 0.2, 3, 3, 4)], torch.log)
case("sqrt", [uniform(r, 0.2, 3, 3, 4)], torch.sqrt)
case("square", [normal(r, 3, 4)], torch.square)
case("pow_2", [uniform(r, 0.3, 2.5, 3, 4)], lambda a: a.pow(2.0))
case("pow_neg1_5", [uniform(r, 0.3, 2.5, 3, 4)], lambda a: a.pow(-1.5))
case("pow_0_5", [uniform(r, 0.3, 2.5, 3, 4)], lambda a: a.pow(0.5))
case("abs", [away(r, 0, 0.01, 3, 4)], torch.abs)
case("clamp", [away_from_both(r, -0.5, 0.5, 0.01, 3, 4)], lambda a: a.clamp(-0.5, 0.5))
case("relu", [away(r, 0, 0.01, 3, 4)], torch.relu)
case("leaky_relu", [away(r, 0, 0.01, 3, 4)], lambda a: F.leaky_relu(a, 0.2))
case("sigmoid", [normal(r, 3, 4) * 3], torch.sigmoid)
case("tanh", [normal(r, 3, 4) * 2], torch.tanh)
case("softplus", [normal(r, 3, 4) * 5], F.softplus)
# Reductions.
case("sum_all", [normal(r, 2, 3, 4)], lambda a: a.sum())
case("sum_axes_0_2", [normal(r, 2, 3, 4)], lambda a: a.sum(dim=(0, 2)))
case("sum_axis1_keep", [normal(r, 2, 3, 4)], lambda a: a.sum(dim=1, keepdim=True))
case("mean_all", [normal(r, 2, 3, 4)], lambda a: a.mean())
case("mean_axes_keep", [normal(r, 2, 3, 4)], lambda a: a.mean(dim=(0, 2), keepdim=True))
case("mean_last_transposed", [normal(r, 4, 3)], lambda a: a.t().mean(dim=-1))
case("max_all", [distinct(r, 2, 3, 4)], lambda a: a.amax())
case("max_axis1", [distinct(r, 2, 3, 4)], lambda a: a.amax(dim=1))
case("max_axes_keep", [distinct(r, 2, 3, 4)], lambda a: a.amax(dim=(0, 2), keepdim=True))
case("max_ties", [np.array([[3, 1, 3], [5, 2, 5], [0, 5, -1], [2, 2, 2]], dtype=np.float32)], lambda a: a.amax(dim=1))
case("var_unbiased_axes", [normal(r, 2, 3, 4)], lambda a: a.var(dim=(0, 2), unbiased=True))
case("var_biased_all", [normal(r, 2, 3, 4)], lambda a: a.var(unbiased=False))
case("var_keep", [normal(r, 2, 3, 4)], lambda a: a.var(dim=1, unbiased=True, keepdim=True))
# Shape ops.
case("reshape", [normal(r, 2, 3, 4)], lambda a: a.reshape(4, -1))
case("reshape_transposed", [normal(r, 4, 6)], lambda a: a.t().reshape(3, 8))
case("permute", [normal(r, 2, 3, 4)], lambda a: a.permute(2, 0, 1))
case("transpose_axes", [normal(r, 2, 3, 4)], lambda a: a.transpose(0, 2))
case("transpose_last", [normal(r, 2, 3, 4)], lambda a: a.transpose(-2, -1))
case("narrow", [normal(r, 4, 3, 5)], lambda a: a.narrow(2, 1, 3))
case("slice", [normal(r, 4, 3, 5)], lambda a: a[1:3])
case("views_of_views", [normal(r, 4, 3, 5)], lambda a: a[1:3].narrow(2, 1, 3).transpose(0, 2))
case("unsqueeze", [normal(r, 2, 3)], lambda a: a.unsqueeze(1))
case("squeeze", [normal(r, 2, 1, 3)], lambda a: a.squeeze(1))
case("broadcast_to", [normal(r, 3, 1)], lambda a: a.expand(2, 3, 4))
case("concat_axis0", [normal(r, 1, 3, 4), normal(r, 2, 3, 4)], lambda a, b: torch.cat([a, b], 0))
case("concat_axis1", [normal(r, 2, 1, 4), normal(r, 2, 3, 4)], lambda a, b: torch.cat([a, b, a], 1))
case("concat_axis2", [normal(r, 2, 3, 2), normal(r, 2, 3, 4)], lambda a, b: torch.cat([b, a], -1))
# Linear algebra.
case("matmul", [normal(r, 3, 4), normal(r, 4, 5)], torch.matmul)
case("matmul_batched", [normal(r, 2, 3, 4), normal(r, 2, 4, 5)], torch.matmul)
case("matmul_shared_right", [normal(r, 2, 3, 4), normal(r, 4, 5)], torch.matmul)
case("matmul_transposed", [normal(r, 4, 3), normal(r, 5, 4)], lambda a, b: a.t() @ b.t())
case("linear", [normal(r, 5, 4), normal(r, 3, 4), normal(r, 3)], F.linear)
case("linear_no_bias", [normal(r, 5, 4), normal(r, 3, 4)], F.linear)
case("linear_batched", [normal(r, 2, 3, 4), normal(r, 3, 4), normal(r, 3)], F.linear)
case("conv2d", [normal(r, 2, 2, 5, 5), normal(r, 3, 2, 3, 3), normal(r, 3)], lambda x, w, b: F.conv2d(x, w, b))
case("conv2d_stride2_pad1", [normal(r, 2, 2, 6, 5), normal(r, 3, 2, 3, 3), normal(r, 3)], lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1))
case("conv2d_stride3_pad2_no_bias", [normal(r, 1, 3, 5, 4), normal(r, 2, 3, 3, 3)], lambda x, w: F.conv2d(x, w, None, stride=3, padding=2))
case("conv_transpose2d", [normal(r, 2, 3, 3, 4), normal(r, 3, 2, 3, 3), normal(r, 2)], lambda x, w, b: F.conv_transpose2d(x, w, b))
case("conv_transpose2d_s2_p1_op1", [normal(r, 2, 3, 3, 4), normal(r, 3, 2, 3, 3), normal(r, 2)],
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1))
case("conv_transpose2d_k4_s2_p1_no_bias", [normal(r, 1, 2, 4, 3), normal(r, 2, 3, 4, 4)],
     lambda x, w: F.conv_transpose2d(x, w, None, stride=2, padding=1))
# Losses.
for red in ("mean", "sum", "none"):
    case(f"mse_{red}", [normal(r, 3, 4), normal(r, 3, 4)], lambda p, t, red=red: F.mse_loss(p, t, reduction=red))
    case(f"bce_logits_{red}", [normal(r, 3, 4) * 3, uniform(r, 0, 1, 3, 4)],
         lambda x, t, red=red: F.binary_cross_entropy_with_logits(x, t, reduction=red))
case("gaussian_kl", [normal(r, 3, 4), normal(r, 3, 4)],
     lambda mu, lv: (-0.5 * (1 + lv - mu.pow(2) - lv.exp()).sum(dim=1)).mean())


def main():
    for name, inputs, fn in CASES:
        xs = [torch.tensor(x, dtype=torch.float32, requires_grad=True) for x in inputs]
        out = fn(*xs)
        w = torch.tensor(r.uniform(-1, 1, tuple(out.shape)).astype(np.float32))
        (out * w).sum().backward()
        entry = {"case": name, "out": fixture_io.arr(out), "w": fixture_io.arr(w), "inputs": len(xs)}
        for i, x in enumerate(xs):
            entry[f"x{i}"] = fixture_io.arr(x)
            entry[f"g{i}"] = fixture_io.arr(x.grad if x.grad is not None else torch.zeros_like(x))
        fixture_io.write("ops", name, entry)
    print(f"wrote {len(CASES)} cases to {fixture_io.ROOT}/ops")


if __name__ == "__main__":
    main()
