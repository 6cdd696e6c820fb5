#!/usr/bin/env python3
"""Issue 14's t-SNE target: FFT-interpolation t-SNE on 100k x 16 within 5 min, and its trustworthiness@10 on a 5k
subsample within 0.01 of scikit-learn's Barnes-Hut t-SNE run on that same subsample.

    dotnet build src/Experiments -c Release
    /usr/bin/python3 benchmarks/scale/tsne_scale.py [--n 100000] [--sample 5000]

Data: make_blobs (10 centres in 16 dimensions, cluster_std 2, seed 0). Ours: `musiccluster bench clustering --workload
tsne` on all n rows (auto method: FFT interpolation from 20,000 rows), wall and CPU seconds of the process (JIT
included). Quality, with sklearn.manifold.trustworthiness (k = 10) on a seeded 5k subsample:
- the like-for-like check: our FFT-interpolation t-SNE (forced) and sklearn's TSNE (barnes_hut, perplexity 30, PCA
  init, auto learning rate) both run on the subsample;
- for information, our n-row map scored on the subsample's rows and points (a subsample of a big map keeps fewer of
  its 10 nearest neighbours, so this reads lower than a map made of the subsample alone).
Writes benchmarks/scale/tsne-N.md.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))
import peer_env  # noqa: E402,F401  (first: the fair-measurement protocol)
import numpy as np  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.manifold import TSNE, trustworthiness  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DLL = os.environ.get("MC_DLL") or os.path.join(ROOT, "src", "Experiments", "bin", "Release", "net10.0", "musiccluster.dll")


def ours(path, emb, method):
    """Runs our t-SNE in its own process; returns (wall s, CPU s, peak RSS MB, embedding)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run(["dotnet", DLL, "bench", "clustering", "--workload", "tsne", "--input", path, "--out", emb, "--seed", "0",
                          "--tsne-method", method], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        sys.exit(f"ours failed: {res.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, np.loadtxt(emb, delimiter=",", skiprows=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=5_000)
    a = ap.parse_args()
    x, _ = make_blobs(n_samples=a.n, n_features=16, centers=10, cluster_std=2.0, random_state=0)
    x = x.astype(np.float32)
    idx = np.sort(np.random.default_rng(1).choice(a.n, size=min(a.sample, a.n), replace=False))
    lines = ["# t-SNE at scale (issue 14)", ""] + peer_env.protocol_lines(DLL) + [""]
    with tempfile.TemporaryDirectory() as tmp:
        path, sub, emb = os.path.join(tmp, "x.npy"), os.path.join(tmp, "sub.npy"), os.path.join(tmp, "emb.csv")
        np.save(path, x)
        np.save(sub, x[idx])
        wall, cpu, rss, y = ours(path, emb, "auto")
        big_t = trustworthiness(x[idx], y[idx], n_neighbors=10)
        print(f"ours: {a.n} rows, {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB; its map on the subsample {big_t:.4f}", flush=True)
        s_wall, s_cpu, _, ys = ours(sub, emb, "fft")
        ours_t = trustworthiness(x[idx], ys, n_neighbors=10)
        print(f"ours, FFT on the {len(idx)}-row subsample: {s_wall:.1f} s, trustworthiness {ours_t:.4f}", flush=True)
    t = time.perf_counter()
    yk = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0).fit_transform(x[idx])
    sk_wall = time.perf_counter() - t
    sk_t = trustworthiness(x[idx], yk, n_neighbors=10)
    print(f"sklearn Barnes-Hut on the subsample: {sk_wall:.1f} s, trustworthiness {sk_t:.4f}", flush=True)
    lines += [
        f"make_blobs {a.n} x 16 (10 centres, std 2); trustworthiness@10 on a seeded {len(idx)}-row subsample.", "",
        "| run | rows | wall s | CPU s | trustworthiness@10 |", "| --- | ---: | ---: | ---: | ---: |",
        f"| ours, auto (FFT interpolation), whole process incl. JIT | {a.n} | {wall:.1f} | {cpu:.1f} | {big_t:.4f} (its map, on the subsample) |",
        f"| ours, FFT interpolation, on the subsample | {len(idx)} | {s_wall:.1f} | {s_cpu:.1f} | {ours_t:.4f} |",
        f"| sklearn TSNE barnes_hut, on the subsample | {len(idx)} | {sk_wall:.1f} | — | {sk_t:.4f} |", "",
        f"Like for like on the subsample: ours − sklearn = {ours_t - sk_t:+.4f} (target: within 0.01). Our peak RSS at {a.n} rows: {rss:.0f} MB.",
        f"Load average at the end: {os.getloadavg()[0]:.1f}.", ""]
    peer_env.write_text(os.path.join(ROOT, "benchmarks", "scale", f"tsne-{a.n}.md"), "\n".join(lines))


if __name__ == "__main__":
    main()
