"""Reference for the float32 randomized PCA: scikit-learn's exact and randomized PCA on a generated low-rank matrix.

Run with /usr/bin/python3 (Debian's python3-sklearn 1.2). The matrix comes from an integer LCG and float64 sums in a
fixed order, so the C# test rebuilds it bit for bit (tests/MusicCluster.Clustering.Tests/Decomposition/
RandomizedPcaAccuracyTests.cs) and only the peers' results are stored. The randomized runs over several seeds give
scikit-learn's own error against the exact solution: the accuracy ours has to match.
"""
import numpy as np
from sklearn.decomposition import PCA

import fixture_io

N, D, K = 12000, 48, 8
# (name, rank, decay): "separated" has a clear gap after the components asked for; "decaying" a spectrum falling by
# `decay` per component, where a randomized solver's error is visible.
CASES = (("separated", 10, 1.0), ("decaying", 30, 0.8))


def lcg_uniform(count, state):
    """count uniforms in [0, 1) from x <- 1664525 x + 1013904223 (mod 2^32), as LowRankData.Uniform in the test."""
    out = np.empty(count)
    for i in range(count):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = state / 4294967296.0
    return out, state


def gaussianish(count, state):
    """Sum of four uniforms minus 2 (mean 0, variance 1/3), in float64."""
    u, state = lcg_uniform(4 * count, state)
    u = u.reshape(count, 4)
    return ((u[:, 0] + u[:, 1]) + (u[:, 2] + u[:, 3])) - 2.0, state


def data(rank, decay):
    state = 20261203
    a, state = gaussianish(N * rank, state)
    b, state = gaussianish(rank * D, state)
    e, state = gaussianish(N * D, state)
    a, b, e = a.reshape(N, rank), b.reshape(rank, D), e.reshape(N, D)
    scale = 1.0 + np.arange(D) % 5
    x = np.zeros((N, D))
    weight = 1.0
    for t in range(rank):  # fixed summation order: the C# side adds the same terms in the same order
        x = x + a[:, t:t + 1] * (b[t:t + 1, :] * (scale * weight))
        weight = weight * decay
    x = (x + 0.05 * e) + 3.0
    return x.astype(np.float32)


def case(name, rank, decay):
    x = data(rank, decay)
    full = PCA(n_components=K, svd_solver="full").fit(x)
    runs = []
    for seed in range(5):
        r = PCA(n_components=K, svd_solver="randomized", random_state=seed).fit(x)
        cos = np.abs(np.sum(r.components_.astype(np.float64) * full.components_, axis=1))
        runs.append({"seed": seed,
                     "max_ratio_error": float(np.max(np.abs(r.explained_variance_ratio_ - full.explained_variance_ratio_))),
                     "max_angle_error": float(np.max(1.0 - cos))})
        print(name, "seed", seed, "ratio error", runs[-1]["max_ratio_error"], "1-|cos|", runs[-1]["max_angle_error"])
    return {
        "n": N, "d": D, "rank": rank, "decay": decay, "n_components": K,
        "data_sum": float(x.astype(np.float64).sum()), "data_sum_sq": float((x.astype(np.float64) ** 2).sum()),
        "full_explained_variance_ratio": fixture_io.arr(full.explained_variance_ratio_),
        "full_singular_values": fixture_io.arr(full.singular_values_),
        "full_components": fixture_io.arr(full.components_),
        "randomized_seeds": [r["seed"] for r in runs],
        "randomized_max_ratio_error": [r["max_ratio_error"] for r in runs],
        "randomized_max_angle_error": [r["max_angle_error"] for r in runs],
    }


def main():
    fixture_io.write("clustering", "pca_randomized", {c[0]: case(*c) for c in CASES})


if __name__ == "__main__":
    main()
