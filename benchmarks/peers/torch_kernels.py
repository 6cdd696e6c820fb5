"""Times GEMM, conv-VAE layers and element-wise ops in PyTorch and in `musiccluster bench`, side by side.

Run with Debian's interpreter, inside the shared timing lock:
    flock /tmp/bench.lock /usr/bin/python3 benchmarks/peers/torch_kernels.py --write benchmarks/results/kernels.md

PyTorch runs with torch.set_num_threads(2) on OpenBLAS (pthread build; checked with threadpoolctl). For the
convolutions OpenBLAS is limited to 1 thread: torch's OpenMP pool already parallelises over the batch, and
two pools of two threads on two cores slow each other down. Each case runs PyTorch, then ours, back to back,
so both see the same machine load.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import peer_env  # noqa: F401  (first: re-executes without the OpenBLAS overrides before torch loads OpenBLAS)
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_info, threadpool_limits

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DLL = os.environ.get("MC_DLL") or os.path.join(ROOT, "src", "Experiments", "bin", "Release", "net10.0", "musiccluster.dll")

GEMM = [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048),
        (64, 4096, 512), (32, 2048, 16), (32, 40, 64)]
# Conv-VAE layers, batch 32, kernel 4, stride 2, padding 1: (transposed, Cin, Cout, input size).
CONV = [(False, 1, 32, 64), (False, 32, 64, 32), (False, 64, 128, 16),
        (True, 128, 64, 8), (True, 64, 32, 16), (True, 32, 1, 32)]
ELEMENTWISE = ["add", "mul", "exp"]


def check_blas():
    """Returns a one-line description of the BLAS torch uses; refuses to time the slow reference BLAS."""
    libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    openblas = [i for i in libs if i.get("internal_api") == "openblas"]
    if not openblas:
        sys.exit(f"torch is not using OpenBLAS (found {libs}); install libopenblas0-pthread")
    lib = openblas[0]
    if "pthread" not in lib.get("filepath", "") and lib.get("threading_layer") != "pthreads":
        sys.exit(f"OpenBLAS is not the pthread build: {lib}")
    return f"OpenBLAS {lib.get('version')} ({lib.get('threading_layer')}, {lib.get('architecture')}) at {lib.get('filepath')}"


def timed(fn, repeat):
    """Median and minimum milliseconds of fn after a warm-up of at least 10 calls / 1 s (as `musiccluster bench`)."""
    start = time.perf_counter()
    i = 0
    while i < 10 or (time.perf_counter() - start < 1.0 and i < 200):
        fn()
        i += 1
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times)


def torch_gemm(m, n, k, repeat):
    a, b, out = torch.rand(m, k), torch.rand(k, n), torch.empty(m, n)
    return timed(lambda: torch.mm(a, b, out=out), repeat)


def torch_conv(transposed, cin, cout, size, repeat):
    x = torch.rand(32, cin, size, size, requires_grad=True)
    w = torch.rand(cin, cout, 4, 4, requires_grad=True) if transposed else torch.rand(cout, cin, 4, 4, requires_grad=True)
    b = torch.rand(cout, requires_grad=True)
    op = F.conv_transpose2d if transposed else F.conv2d
    gy = torch.rand_like(op(x, w, b, stride=2, padding=1))

    def step():
        x.grad = w.grad = b.grad = None
        op(x, w, b, stride=2, padding=1).backward(gy)

    with threadpool_limits(limits=1, user_api="blas"):
        return timed(step, repeat)


def torch_elementwise(op, size, repeat):
    x, y, z = torch.rand(size), torch.rand(size), torch.empty(size)
    fn = {"add": lambda: torch.add(x, y, out=z), "mul": lambda: torch.mul(x, y, out=z),
          "exp": lambda: torch.exp(x, out=z)}[op]
    return timed(fn, repeat)


def ours(args):
    out = subprocess.run(["dotnet", DLL, "bench", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def conv_flops(cin, cout, size, transposed):
    pixels = size * size if transposed else (size // 2) * (size // 2)
    return 3 * 2 * 32 * cin * cout * 16 * pixels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-build", action="store_true", help="use the existing Release build of src/Experiments")
    parser.add_argument("--write", help="also write the markdown report to this file")
    parser.add_argument("--quick", action="store_true", help="skip 2048³ (for a fast look)")
    args = parser.parse_args()

    torch.set_num_threads(2)
    blas = check_blas()
    if not args.no_build:
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Experiments"), "-c", "Release", "--nologo", "-v", "q"],
                       check=True, stdout=subprocess.DEVNULL)
    load_before = os.getloadavg()
    rows = []
    for m, n, k in GEMM:
        if args.quick and m == 2048:
            continue
        repeat = max(3, args.repeat // 3) if m >= 2048 else args.repeat
        t_med, _ = torch_gemm(m, n, k, repeat)
        o = ours(["gemm", "--m", str(m), "--n", str(n), "--k", str(k), "--repeat", str(repeat)])
        flops = 2.0 * m * n * k
        rows.append((f"GEMM {m}×{n}×{k}", t_med, o["median_ms"], flops / t_med / 1e6, o["gflops"], "GFLOP/s"))
    for transposed, cin, cout, size in CONV:
        t_med, _ = torch_conv(transposed, cin, cout, size, args.repeat)
        cmd = ["conv2d", "--batch", "32", "--channels-in", str(cin), "--channels-out", str(cout), "--size", str(size),
               "--kernel", "4", "--stride", "2", "--padding", "1", "--repeat", str(args.repeat)]
        o = ours(cmd + (["--transposed"] if transposed else []))
        name = f"{'convT' if transposed else 'conv'} {cin}→{cout} @{size}×{size} fwd+bwd"
        rows.append((name, t_med, o["median_ms"], conv_flops(cin, cout, size, transposed) / t_med / 1e6, o["gflops"], "GFLOP/s"))
    for op in ELEMENTWISE:
        size = 1 << 20
        t_med, _ = torch_elementwise(op, size, 5 * args.repeat)
        o = ours(["elementwise", "--size", str(size), "--op", op, "--repeat", str(5 * args.repeat)])
        nbytes = (2 if op == "exp" else 3) * 4 * size
        rows.append((f"{op} 1M float32", t_med, o["median_ms"], nbytes / t_med / 1e6, o["gb_per_s"], "GB/s"))
    load_after = os.getloadavg()

    lines = [
        "# Kernel timings: MusicCluster vs PyTorch",
        "",
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC ({platform.machine()}) "
        "by `benchmarks/peers/torch_kernels.py`.",
        *peer_env.protocol_lines(DLL),
        f"PyTorch {torch.__version__}, `torch.set_num_threads(2)`, {blas}; OpenBLAS limited to 1 thread for the convolutions.",
        (f"**The machine was loaded** (load average {load_before[0]:.1f} before, {load_after[0]:.1f} after): "
         "absolute numbers are noisy, compare within a row." if load_before[0] >= 1.5 else
         f"Load average {load_before[0]:.1f} before the run (the 1-minute average includes this script's own "
         f"previous work), {load_after[0]:.1f} after; this virtual machine's timings still vary between runs."),
        "Times are medians of repeated runs after warm-up. Ratio = PyTorch time / our time (above 1: we are faster).",
        "",
        "| case | PyTorch ms | ours ms | PyTorch rate | ours rate | unit | ratio |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for name, t_ms, o_ms, t_rate, o_rate, unit in rows:
        lines.append(f"| {name} | {t_ms:.3f} | {o_ms:.3f} | {t_rate:.1f} | {o_rate:.1f} | {unit} | {t_ms / o_ms:.2f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        peer_env.write_text(args.write, text)


if __name__ == "__main__":
    main()
