#!/usr/bin/env python3
"""Clustering workloads in scikit-learn / scipy / fastcluster and in MusicCluster, on the same generated data.

Run from the repository root with Debian's interpreter (python3-sklearn, python3-scipy, python3-fastcluster):

    dotnet build src/Experiments -c Release
    flock /tmp/bench.lock /usr/bin/python3 benchmarks/peers/clustering_peers.py [--quick] [--only kmeans,ward]

Our side runs as `musiccluster bench clustering --workload W --input X.npy ...` (one process per workload; the
fastest of --repeat runs inside the process is reported, so JIT warm-up is excluded the same way the peers' first
run is). Prints a markdown table and writes it to --out (default benchmarks/results/clustering.md, full runs only).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import peer_env  # noqa: F401  (first: re-executes without the OpenBLAS overrides before numpy loads OpenBLAS)
import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import load_digits, make_blobs
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.metrics import adjusted_rand_score, silhouette_score

try:
    import fastcluster
except ImportError:  # the table says so
    fastcluster = None

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# MC_DLL points at a frozen copy of the build so that rebuilding while the run waits for the lock changes nothing.
DLL = os.environ.get("MC_DLL") or os.path.join(ROOT, "src", "Experiments", "bin", "Release", "net10.0", "musiccluster.dll")


def timed(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def ours(tmp, x, workload, repeat, labels=None, **opts):
    path = os.path.join(tmp, "x.npy")
    np.save(path, np.ascontiguousarray(x, dtype=np.float32))
    args = ["dotnet", DLL, "bench", "clustering", "--workload", workload, "--input", path, "--repeat", str(repeat)]
    if labels is not None:
        lp = os.path.join(tmp, "labels.npy")
        np.save(lp, labels.astype(np.float64))
        args += ["--labels", lp]
    out_labels = os.path.join(tmp, "ours_labels.csv")
    if workload in ("kmeans", "ward", "dbscan"):
        args += ["--out", out_labels]
    for k, v in opts.items():
        flag = "--" + k.replace("_", "-")
        args += [flag] if v is True else [flag, str(v)]
    res = subprocess.run(args, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {res.stderr.strip()}")
    line = json.loads(res.stdout.strip().splitlines()[-1])
    if workload in ("kmeans", "ward", "dbscan"):
        line["labels"] = np.loadtxt(out_labels, skiprows=1, dtype=int)
    return line


def row(rows, workload, size, peer, peer_s, our_s, peer_q, our_q):
    rows.append((workload, size, peer, peer_s, our_s, peer_q, our_q))
    print(f"{workload:10s} {size:22s} {peer:28s} peer {peer_s:8.3f}s ours {our_s:8.3f}s ratio {peer_s / our_s:5.2f}  {peer_q} | {our_q}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes (for a smoke run)")
    ap.add_argument("--only", default="", help="comma-separated workloads: kmeans,ward,dbscan,tsne,silhouette,pca")
    ap.add_argument("--out", default=None, help="markdown output (default benchmarks/results/clustering.md, written only for full runs)")
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    want = lambda w: not only or w in only
    q = a.quick
    rows = []
    tmp = tempfile.mkdtemp(prefix="mc-bench-")
    protocol = peer_env.protocol_lines(DLL)

    if want("kmeans"):
        n = 20_000 if q else 100_000
        x, _ = make_blobs(n_samples=n, centers=16, n_features=32, random_state=0)
        x = x.astype(np.float32)
        km = lambda: KMeans(n_clusters=16, n_init=1, max_iter=100, random_state=0, algorithm="lloyd").fit(x)
        # Best of 5 on both sides: a run lasts ~0.1 s, so our first runs still execute the JIT's unoptimised tier.
        ps, m = timed(km, 5)
        o = ours(tmp, x, "kmeans", 5, k=16, n_init=1, max_iter=100)
        row(rows, "KMeans", f"n={n} d=32 k=16", "sklearn KMeans (lloyd)", ps, o["seconds"],
            f"inertia {m.inertia_:.6g}", f"inertia {o['quality']['inertia']:.6g}")

    if want("ward"):
        for n in ([2000] if q else [2000, 5000, 10000]):
            x, _ = make_blobs(n_samples=n, centers=10, n_features=16, random_state=1)
            x = x.astype(np.float32)
            rep = 2 if n <= 5000 else 1
            o = ours(tmp, x, "ward", rep, k=10)
            ps, z = timed(lambda: linkage(x, method="ward"), rep)
            row(rows, "Ward", f"n={n} d=16", "scipy linkage(ward)", ps, o["seconds"],
                f"top height {z[-1, 2]:.6g}", f"top height {o['quality']['top_height']:.6g}")
            if fastcluster is not None:
                ps, z = timed(lambda: fastcluster.linkage(x, method="ward"), rep)
                row(rows, "Ward", f"n={n} d=16", "fastcluster.linkage (pdist)", ps, o["seconds"],
                    f"top height {z[-1, 2]:.6g}", f"top height {o['quality']['top_height']:.6g}")
                ps, z = timed(lambda: fastcluster.linkage_vector(x, method="ward"), rep)
                row(rows, "Ward", f"n={n} d=16", "fastcluster.linkage_vector", ps, o["seconds"],
                    f"top height {z[-1, 2]:.6g}", f"top height {o['quality']['top_height']:.6g}")

    if want("dbscan"):
        cases = [(20_000, 2, 0.25), (20_000, 16, 4.0)] if q else [(20_000, 2, 0.25), (100_000, 2, 0.12), (20_000, 16, 4.0), (100_000, 16, 3.6)]
        for n, d, eps in cases:
            x, _ = make_blobs(n_samples=n, centers=20, n_features=d, random_state=0)
            x = x.astype(np.float32)
            rep = 2 if n <= 20_000 else 1
            ps, m = timed(lambda: DBSCAN(eps=eps, min_samples=10).fit(x), rep)
            o = ours(tmp, x, "dbscan", rep, eps=eps, min_samples=10)
            same = adjusted_rand_score(m.labels_, o["labels"])
            row(rows, "DBSCAN", f"n={n} d={d} eps={eps}", "sklearn DBSCAN", ps, o["seconds"],
                f"{len(set(m.labels_)) - (1 if -1 in m.labels_ else 0)} clusters",
                f"{int(o['quality']['clusters'])} clusters, ARI vs sklearn {same:.6f}")

    if want("tsne"):
        digits = load_digits().data.astype(np.float32)
        # t-SNE's trustworthiness moves by ~1e-4 from seed to seed on either side (PCA init is nearly seed-free, but
        # the optimisation amplifies float noise), so digits runs over several seeds and reports the means. Both
        # embeddings are scored by sklearn.manifold.trustworthiness, so the metric's implementation is the same.
        sets = [("digits", digits, 1 if q else 5)]
        if not q:
            xb, _ = make_blobs(n_samples=10_000, centers=10, n_features=50, cluster_std=4.0, random_state=2)
            sets.append(("blobs n=10000 d=50", xb.astype(np.float32), 1))
        emb_path = os.path.join(tmp, "ours_embedding.csv")
        for name, x, seeds in sets:
            p_s, o_s, p_t, o_t, o_kl = [], [], [], [], []
            for seed in range(seeds):
                ts = lambda: TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=seed).fit_transform(x)
                ps, y = timed(ts, 1)
                o = ours(tmp, x, "tsne", 1, components=2, seed=seed, out=emb_path)
                e = np.loadtxt(emb_path, delimiter=",", skiprows=1)
                p_s.append(ps); o_s.append(o["seconds"]); o_kl.append(o["quality"]["kl_divergence"])
                p_t.append(trustworthiness(x, y, n_neighbors=10)); o_t.append(trustworthiness(x, e, n_neighbors=10))
            label = f"{name} (mean of seeds 0-{seeds - 1})" if seeds > 1 else f"{name} (seed 0)"
            row(rows, "t-SNE (BH)", label, "sklearn TSNE barnes_hut", float(np.mean(p_s)), float(np.mean(o_s)),
                f"trust@10 {np.mean(p_t):.5f}", f"trust@10 {np.mean(o_t):.5f}, KL {np.mean(o_kl):.4f}")

    if want("silhouette"):
        n = 20_000
        x, y = make_blobs(n_samples=n, centers=10, n_features=16, random_state=3)
        x = x.astype(np.float32)
        ps, s = timed(lambda: silhouette_score(x, y), 1)
        o = ours(tmp, x, "silhouette", 2, labels=y)
        row(rows, "Silhouette", f"n={n} d=16 k=10", "sklearn silhouette_score", ps, o["seconds"],
            f"{s:.8f}", f"{o['quality']['silhouette']:.8f}")

    if want("pca"):
        n = 20_000 if q else 100_000
        rng = np.random.RandomState(4)
        x = (rng.randn(n, 24) @ rng.randn(24, 128) + 0.1 * rng.randn(n, 128)).astype(np.float32)
        # Best of 5 on both sides, as for KMeans: a run lasts ~0.1-0.2 s, so JIT tiering would otherwise be timed.
        # First each side's default solver (ours: exact covariance for d <= 256), then both randomized (same oversampling and n_iter).
        for peer_solver, our_solver in (("auto", "auto"), ("randomized", "randomized")):
            ps, p = timed(lambda: PCA(n_components=16, svd_solver=peer_solver, random_state=0).fit(x).transform(x), 5)
            ref = PCA(n_components=16, svd_solver=peer_solver, random_state=0).fit(x)
            o = ours(tmp, x, "pca", 5, components=16, solver=our_solver)
            name = "PCA" if our_solver == "auto" else "PCA (both randomized)"
            row(rows, name, f"{n}x128 -> 16", f"sklearn PCA ({ref._fit_svd_solver})", ps, o["seconds"],
                f"EVR sum {ref.explained_variance_ratio_.sum():.6f}",
                f"EVR sum {o['quality']['explained_variance_ratio_sum']:.6f} ({'exact covariance' if o['quality'].get('exact_solver') else 'randomized'} solver)")

    lines = [
        "# Clustering benchmark: MusicCluster vs scikit-learn / scipy / fastcluster",
        "",
        *protocol,
        "",
        "Absolute numbers vary between runs, ratios are from the same run. "
        f"sklearn {sklearn.__version__}, scipy {scipy.__version__}, fastcluster {getattr(fastcluster, '__version__', 'not installed')}, numpy {np.__version__}. "
        "Ratio = peer seconds / our seconds (> 1: we are faster). Our time is the in-process fit (no file I/O); "
        "peers are timed around the same call in Python. Generated data: make_blobs / Gaussian low-rank, float32. "
        "KMeans and PCA: best of 5 runs on each side. t-SNE: one run per seed; rows over several seeds give mean seconds "
        "and mean trustworthiness (seed r on both sides), and both sides' embeddings are scored by sklearn.manifold.trustworthiness."
        + (" Reduced sizes (--quick)." if q else ""),
        "",
        "| Workload | Size | Peer | Peer s | Ours s | Ratio | Peer quality | Our quality |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    for w, size, peer, p_s, o_s, pq, oq in rows:
        lines.append(f"| {w} | {size} | {peer} | {p_s:.3f} | {o_s:.3f} | {p_s / o_s:.2f} | {pq} | {oq} |")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if not only or a.out:
        out = a.out or os.path.join(ROOT, "benchmarks", "results", "clustering.md")
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        tmp_out = out + ".tmp"
        with open(tmp_out, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp_out, out)


if __name__ == "__main__":
    sys.exit(main())
