"""The four test signals of the DSP fixtures; tests/MusicCluster.Experiments.Tests/Dsp/TestSignals.cs builds the same ones."""
import math

import numpy as np

SR = 22050
LENGTH = 11025  # 0.5 s


def lcg_noise(length, seed):
    """Uniform noise in [-1, 1) from the 32-bit LCG x ← 1664525·x + 1013904223 (exactly reproducible in C#)."""
    out = np.empty(length)
    state = seed
    for i in range(length):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = state / 4294967296.0 * 2 - 1
    return out


def signal(name, length=LENGTH, sr=SR):
    t = np.arange(length, dtype=np.float64) / sr
    if name == "chirp":
        f0, f1, dur = 100.0, 8000.0, length / sr
        k = math.log(f1 / f0) / dur
        y = 0.5 * np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k)
    elif name == "chord":
        y = sum(a * np.sin(2 * np.pi * f * t) for a, f in [(0.3, 220.0), (0.25, 277.1826), (0.2, 329.6276), (0.1, 440.0)])
    elif name == "noise":
        y = 0.5 * lcg_noise(length, 2024)
    elif name == "pulses":
        # Decaying two-tone bursts every 0.5 s (120 BPM) over faint noise: a signal with a beat, for the rhythm descriptors.
        phase = np.mod(t, 0.5)
        env = np.exp(-phase * 12.0)
        y = env * (0.4 * np.sin(2 * np.pi * 440.0 * t) + 0.2 * np.sin(2 * np.pi * 660.0 * t)) + 0.02 * lcg_noise(length, 77)
    elif name == "silence":
        y = np.zeros(length)
    else:
        raise ValueError(name)
    return y.astype(np.float32)


SIGNALS = ["chirp", "chord", "noise", "silence"]
PULSES_LENGTH = 3 * SR  # the "pulses" signal is 3 s long
