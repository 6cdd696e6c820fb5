"""Peer timing for `musiccluster bench logmel`: torch.stft + mel matmul + power_to_db on the same signal.

Run with Debian's interpreter (torch 1.13):  /usr/bin/python3 benchmarks/peers/logmel_peer.py [--seconds 60] [--mels 128]
Prints one JSON line in the same shape as the C# command.
"""
import argparse
import json
import math
import os
import sys
import time

import peer_env  # noqa: F401  (first: re-executes without the OpenBLAS overrides before torch loads OpenBLAS)
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "reference"))
from dsp_formulas import mel_filterbank  # noqa: E402  (librosa.filters.mel written from its formulas)


def test_signal(sr, length):
    """Same chirp + LCG noise floor as BenchLogMelCommand.TestSignal."""
    n = np.arange(length, dtype=np.float64)
    t = n / sr
    duration = length / sr
    f0, f1 = 100.0, 8000.0
    k = math.log(f1 / f0) / duration
    state = 12345
    noise = np.empty(length)
    for i in range(length):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        noise[i] = state / 4294967296.0 * 2 - 1
    return (0.5 * np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k) + 0.01 * noise).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--mels", type=int, default=128)
    ap.add_argument("--n-fft", type=int, default=2048)
    ap.add_argument("--hop", type=int, default=512)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    sr = 22050
    x = torch.from_numpy(test_signal(sr, int(a.seconds * sr)))
    window = torch.hann_window(a.n_fft)
    fb = torch.from_numpy(mel_filterbank(sr, a.n_fft, a.mels).astype(np.float32))

    def run():
        spec = torch.stft(x, a.n_fft, a.hop, window=window, center=True, pad_mode="constant", return_complex=True)
        power = spec.real ** 2 + spec.imag ** 2
        mel = fb @ power
        db = 10.0 * torch.log10(torch.clamp(mel, min=1e-10))
        return torch.maximum(db, db.max() - 80.0)

    with torch.no_grad():
        out = run()
        times = []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            out = run()
            times.append(time.perf_counter() - t0)
    times.sort()
    median = times[len(times) // 2]
    print(json.dumps({"bench": "logmel", "impl": f"torch {torch.__version__} stft + mel matmul", "audio_seconds": a.seconds,
                      "sample_rate": sr, "n_fft": a.n_fft, "hop": a.hop, "n_mels": a.mels, "frames": int(out.shape[1]),
                      "threads": a.threads, "median_ms": round(median * 1e3, 3), "min_ms": round(times[0] * 1e3, 3),
                      "realtime_factor": round(a.seconds / median, 1),
                      "cpu": peer_env.cpu(), "blas": peer_env.blas_architecture()}))


if __name__ == "__main__":
    main()
