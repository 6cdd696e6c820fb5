"""GEMM in numpy (OpenBLAS) and in `musiccluster bench gemm`, side by side, each read against our measured FMA peak.

Run with Debian's interpreter after a Release build of src/Experiments:
    /usr/bin/python3 benchmarks/peers/numpy_gemm.py [--write OUT.md] [--repeat 10]

numpy runs OpenBLAS with its own thread count (all cores); peer_env removes OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for
this process only, so OpenBLAS picks the kernels for this CPU (threadpoolctl's "architecture" in the protocol lines).
Each shape runs numpy, then ours, back to back. Both sides: median of --repeat runs after a warm-up of at least
10 calls and 1 s; float32, C = A·B, all operands row-major.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time

import peer_env  # noqa: F401  (first: re-executes without the OpenBLAS overrides before numpy loads OpenBLAS)
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DLL = os.environ.get("MC_DLL") or os.path.join(ROOT, "src", "Experiments", "bin", "Release", "net10.0", "musiccluster.dll")
SHAPES = [(256, 256, 256), (1024, 1024, 1024), (2048, 2048, 2048), (32, 2048, 16)]


def numpy_gemm(m, n, k, repeat):
    rng = np.random.default_rng(0)
    a = rng.random((m, k), dtype=np.float32)
    b = rng.random((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    start, i = time.perf_counter(), 0
    while i < 10 or (time.perf_counter() - start < 1.0 and i < 200):
        np.matmul(a, b, out=c)
        i += 1
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def ours(m, n, k, repeat):
    out = subprocess.run(["dotnet", DLL, "bench", "gemm", "--m", str(m), "--n", str(n), "--k", str(k), "--repeat", str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--write", help="also write the markdown table to this file")
    a = ap.parse_args()
    protocol = peer_env.protocol_lines(DLL)
    peak = peer_env.fma_peak(DLL)["gflops_all_cores"]
    lines = ["# GEMM: MusicCluster vs numpy (OpenBLAS)", "",
             f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `benchmarks/peers/numpy_gemm.py`.",
             *protocol, f"numpy {np.__version__}. Ratio = numpy time / our time (above 1: we are faster); "
             f"% of peak against our `bench peak` on all cores ({peak:.0f} GFLOP/s).", "",
             "| shape | numpy ms | ours ms | numpy GFLOP/s | ours GFLOP/s | numpy % peak | ours % peak | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m, n, k in SHAPES:
        repeat = max(3, a.repeat // 3) if m >= 2048 else a.repeat
        t = numpy_gemm(m, n, k, repeat)
        o = ours(m, n, k, repeat)
        flops = 2.0 * m * n * k
        tg, og = flops / t / 1e6, flops / o["median_ms"] / 1e6
        lines.append(f"| {m}×{n}×{k} | {t:.3f} | {o['median_ms']:.3f} | {tg:.1f} | {og:.1f} | {100 * tg / peak:.0f} | "
                     f"{100 * og / peak:.0f} | {t / o['median_ms']:.2f} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if a.write:
        peer_env.write_text(a.write, text)


if __name__ == "__main__":
    sys.exit(main())
