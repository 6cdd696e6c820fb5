"""PyTorch peer of `musiccluster bench vae|convvae`: trains the identical models on identical data, side by side.

Models (same as src/Models/Networks and tests/reference/models_common.py):
  convvae  ConvVae 1x64x64, channels 32-64-128, kernel 4, stride 2, padding 1, latent 16
  vae      MLP Vae 40 -> 64 -> 8
Adam (lr 1e-3), beta = 1, loss = squared error summed per sample + KL, both averaged over the batch; shuffled
mini-batches of --batch samples. Data come from the same closed formulas as VaeBenchmark.ConvData / MlpData.
PyTorch runs with 2 threads (torch.set_num_threads(2); --torch-threads changes it); ours is the Release build of src/Experiments.

Usage (from the repository root, with Debian's python3-torch):
  flock /tmp/bench.lock /usr/bin/python3 benchmarks/peers/models_peer.py [--models convvae,vae] [--batch 32] [--samples 1024] [--epochs 3]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import peer_env  # noqa: F401  (first: re-executes without the OpenBLAS overrides before torch loads OpenBLAS)
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "reference"))
from models_common import ConvVae, Vae, vae_loss  # noqa: E402

DLL = os.environ.get("MC_DLL") or os.path.join(ROOT, "src", "Experiments", "bin", "Release", "net10.0", "musiccluster.dll")


def conv_data(n, h=64, w=64):
    s = np.arange(n)[:, None, None]
    i = np.arange(h)[None, :, None]
    j = np.arange(w)[None, None, :]
    x = np.sin(0.07 * (1 + s % 13) * i + 0.3 * s) * np.cos(0.05 * (1 + s % 7) * j)
    return torch.from_numpy(x.astype(np.float32)[:, None])


def mlp_data(n, f=40):
    s = np.arange(n)[:, None]
    k = np.arange(f)[None, :]
    return torch.from_numpy(np.sin(0.1 * (k + 1) * (1 + s % 11) + 0.37 * s).astype(np.float32))


def torch_epochs(name, batch, samples, epochs):
    torch.manual_seed(0)
    model = ConvVae() if name == "convvae" else Vae(40, (64,), 8)
    data = conv_data(samples) if name == "convvae" else mlp_data(samples)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    times, last = [], float("nan")
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(samples)
        total = 0.0
        for b in range(0, samples, batch):
            x = data[perm[b:b + batch]]
            opt.zero_grad()
            loss, _, _ = vae_loss(model, x, 1.0, sample=True)
            loss.backward()
            opt.step()
            total += float(loss) * x.shape[0]
        times.append(time.perf_counter() - t0)
        last = total / samples
    return times, last


def ours(name, batch, samples, epochs):
    dll = DLL
    if not os.path.exists(dll):
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Experiments"), "-c", "Release"], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(["dotnet", dll, "bench", name, "--batch", str(batch), "--samples", str(samples), "--epochs", str(epochs)],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", default="convvae,vae")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--samples", type=int, default=1024)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--torch-threads", type=int, default=2, help="PyTorch intra-op threads (the issue's comparison uses 2)")
    a = p.parse_args()
    torch.set_num_threads(a.torch_threads)
    # Torch's OpenMP pool and OpenBLAS's pthread pool fight on 2 cores: measure the peer at its best with BLAS on 1 thread.
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")
    for line in peer_env.protocol_lines(DLL):
        print(line)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; batch {a.batch}, {a.samples} samples, {a.epochs} epochs (median)")
    print(f"{'model':8} {'torch s/epoch':>14} {'ours s/epoch':>13} {'ours/torch':>11} {'torch loss':>11} {'ours loss':>10}")
    for name in a.models.split(","):
        t_times, t_loss = torch_epochs(name, a.batch, a.samples, a.epochs)
        o = ours(name, a.batch, a.samples, a.epochs)
        t_med = float(np.median(t_times))
        print(f"{name:8} {t_med:14.3f} {o['median_epoch_s']:13.3f} {o['median_epoch_s'] / t_med:11.2f} {t_loss:11.3f} {o['final_loss']:10.3f}")
        print("  " + json.dumps({"model": name, "torch_epoch_s": [round(t, 4) for t in t_times], "ours_epoch_s": o["epoch_s"]}))


if __name__ == "__main__":
    main()
