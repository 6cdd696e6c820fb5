#!/usr/bin/env python3
"""Exact k nearest neighbours (scikit-learn NearestNeighbors, brute force, float64) for the t-SNE neighbour search.

    /usr/bin/python3 tests/reference/knn_fixture.py

Data: 400 rows × 16 of float32 Gaussian blobs shifted by +300 in every coordinate (so a distance computed as
‖a‖² + ‖b‖² − 2a·b in float32 would lose its low digits: the C# side must not), with rows 5 and 6 equal to row 4
(zero distances). k = 91 (t-SNE's 3·perplexity + 1 at perplexity 30). Neighbours exclude the row itself; the
expected squared distances come from float64 arithmetic on the float32 values (rounded to 4 decimals).
"""
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.neighbors import NearestNeighbors

import fixture_io


def main():
    x, _ = make_blobs(n_samples=400, n_features=16, centers=7, cluster_std=1.5, random_state=3)
    x = (x + 300).astype(np.float32)
    x[5] = x[4]
    x[6] = x[4]
    k = 91
    xd = x.astype(np.float64)
    nn = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(xd)
    dist, idx = nn.kneighbors(xd)
    # Drop the row itself (first, or tied at distance 0 with a duplicate): keep k others, ascending by (distance, index).
    out_idx = np.zeros((len(x), k), dtype=np.int64)
    out_d2 = np.zeros((len(x), k))
    for i in range(len(x)):
        d2 = ((xd - xd[i]) ** 2).sum(axis=1)
        d2[i] = np.inf
        order = np.lexsort((np.arange(len(x)), d2))[:k]
        assert set(order) == set(j for j in idx[i] if j != i) or len(set(idx[i]) - {i}) > k, i
        out_idx[i] = order
        out_d2[i] = d2[order]
    fixture_io.write("clustering", "knn_blobs16", {"k": k, "x": fixture_io.arr(x), "neighbours": fixture_io.arr(out_idx), "squared": fixture_io.arr(np.round(out_d2, 4))})


if __name__ == "__main__":
    main()
