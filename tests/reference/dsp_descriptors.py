"""Descriptor fixtures: librosa's delta, spectral_contrast, chroma_stft (tuning 0), onset_strength, tempogram and tempo,
written out in numpy/scipy (Debian has no python3-librosa), plus our modulation spectrum, on the test signals.

Each formula follows the librosa 0.10 function it names; scipy.signal.savgol_filter is what librosa.feature.delta calls.
Run: /usr/bin/python3 tests/reference/dsp_descriptors.py   (writes tests/reference/fixtures/dsp/descriptors_*.json)
"""
import numpy as np
import scipy.signal

import fixture_io
from dsp_formulas import hann, mel_filterbank, mfcc, power_to_db, spectral_frames, stft_power
from dsp_signals import PULSES_LENGTH, SR, signal

N_FFT, HOP = 2048, 512
TINY = np.finfo(np.float32).tiny


def normalize_max(x, axis):
    """librosa.util.normalize(norm=np.inf, threshold=tiny, fill=None): columns with a smaller maximum stay unscaled."""
    length = np.max(np.abs(x), axis=axis, keepdims=True)
    length[length < TINY] = 1.0
    return x / length


def delta(data, order, width=9):
    """librosa.feature.delta(mode='interp')."""
    return scipy.signal.savgol_filter(data, width, polyorder=order, deriv=order, axis=-1, mode="interp")


def spectral_contrast(S, sr, n_fft, fmin=200.0, n_bands=6, quantile=0.02):
    freq = np.fft.rfftfreq(n_fft, 1.0 / sr)
    octa = np.zeros(n_bands + 2)
    octa[1:] = fmin * (2.0 ** np.arange(0, n_bands + 1))
    valley = np.zeros((n_bands + 1, S.shape[1]))
    peak = np.zeros_like(valley)
    for k, (f_low, f_high) in enumerate(zip(octa[:-1], octa[1:])):
        current_band = np.logical_and(freq >= f_low, freq <= f_high)
        idx = np.flatnonzero(current_band)
        if k > 0:
            current_band[idx[0] - 1] = True
        if k == n_bands:
            current_band[idx[-1] + 1:] = True
        sub_band = S[current_band, :]
        if k < n_bands:
            sub_band = sub_band[:-1, :]
        idx = int(np.maximum(np.rint(quantile * np.sum(current_band)), 1))
        sortedr = np.sort(sub_band, axis=0)
        valley[k] = np.mean(sortedr[:idx], axis=0)
        peak[k] = np.mean(sortedr[-idx:], axis=0)
    return power_to_db(peak) - power_to_db(valley)


def chroma_filters(sr, n_fft, n_chroma=12, tuning=0.0, ctroct=5.0, octwidth=2, base_c=True):
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    D = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    n_chroma2 = np.round(float(n_chroma) / 2)
    D = np.remainder(D + n_chroma2 + 10 * n_chroma, n_chroma) - n_chroma2
    wts = np.exp(-0.5 * (2 * D / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    norms = np.sqrt(np.sum(wts ** 2, axis=0, keepdims=True))
    norms[norms < TINY] = 1.0
    wts = wts / norms
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - ctroct) / octwidth) ** 2)), (n_chroma, 1))
    if base_c:
        wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return wts[:, :int(1 + n_fft / 2)]


def chroma_stft(power, sr, n_fft):
    return normalize_max(chroma_filters(sr, n_fft) @ power, axis=0)


def onset_strength(S, lag=1, n_fft=N_FFT, hop=HOP):
    env = np.maximum(0.0, S[:, lag:] - S[:, :-lag]).mean(axis=0)
    pad = lag + n_fft // (2 * hop)
    return np.pad(env, (pad, 0), mode="constant")[:S.shape[1]]


def autocorrelate(y, axis=0):
    n = y.shape[axis]
    spec = np.fft.rfft(y, n=2 * n, axis=axis)
    return np.fft.irfft(np.abs(spec) ** 2, n=2 * n, axis=axis).take(range(n), axis=axis)


def tempogram(onset, win_length=384):
    n = len(onset)
    padded = np.pad(onset, win_length // 2, mode="linear_ramp", end_values=[0, 0])
    frames = np.lib.stride_tricks.sliding_window_view(padded, win_length).T[:, :n]
    return normalize_max(autocorrelate(frames * hann(win_length)[:, None], axis=0), axis=0)


def tempo(onset, sr=SR, hop=HOP, start_bpm=120.0, std_bpm=1.0, ac_size=8.0, max_tempo=320.0):
    win_length = int(int(ac_size * sr) // hop)
    tg = tempogram(onset, win_length).mean(axis=1)
    with np.errstate(divide="ignore"):
        bpms = np.concatenate(([np.inf], 60.0 * sr / (hop * np.arange(1.0, win_length))))
        logprior = -0.5 * ((np.log2(bpms) - np.log2(start_bpm)) / std_bpm) ** 2
    logprior[:int(np.argmax(bpms < max_tempo))] = -np.inf
    return float(bpms[np.argmax(np.log1p(1e6 * tg) + logprior)])


LAG_EDGES = [2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256]
MOD_EDGES = [0.25, 0.5, 1, 2, 4, 8, 16]


def lag_bands(tg):
    return np.array([tg[lo:min(hi, tg.shape[0])].mean() if lo < tg.shape[0] else 0.0 for lo, hi in zip(LAG_EDGES[:-1], LAG_EDGES[1:])])


def modulation(log_mel, frame_rate, coarse=8):
    mels, n = log_mel.shape
    w = hann(n)
    freqs = np.arange(n // 2 + 1) * frame_rate / n
    out = np.zeros((coarse, len(MOD_EDGES) - 1))
    for c in range(coarse):
        x = log_mel[c * mels // coarse:(c + 1) * mels // coarse].mean(axis=0)
        p = np.abs(np.fft.rfft((x - x.mean()) * w)) ** 2 / np.sum(w ** 2)
        for o, (lo, hi) in enumerate(zip(MOD_EDGES[:-1], MOD_EDGES[1:])):
            sel = (freqs >= lo) & (freqs < hi)
            e = p[sel].mean() if sel.any() else p[min(int(np.round(np.sqrt(lo * hi) * n / frame_rate)), len(p) - 1)]
            out[c, o] = np.log(1e-10 + e)
    return out


def mean_std(rows):
    return [v for r in rows for v in (r.mean(), r.std())]


def main():
    fb = mel_filterbank(SR, N_FFT, 64)
    for name, length in [("chord", None), ("noise", None), ("chirp", None), ("pulses", PULSES_LENGTH)]:
        y = signal(name) if length is None else signal(name, length)
        power = stft_power(y, N_FFT, HOP, True, "constant")
        log_mel = power_to_db(fb @ power)
        mf = mfcc(log_mel, 20)
        d1, d2 = delta(mf, 1), delta(mf, 2)
        contrast = spectral_contrast(np.sqrt(power), SR, N_FFT)
        chroma = chroma_stft(power, SR, N_FFT)
        onset = onset_strength(log_mel)
        tg = tempogram(onset)
        bpm = tempo(onset)
        mod = modulation(log_mel, SR / HOP)
        frames = spectral_frames(y, SR)
        shape = [frames[k] for k in ["centroid", "bandwidth", "rolloff", "flatness", "zcr", "rms"]]
        vector = (mean_std(mf) + mean_std(d1) + mean_std(d2) + mean_std(contrast) + mean_std(chroma) + mean_std(shape)
                  + mean_std([onset]) + list(lag_bands(tg)) + [np.log2(bpm)] + list(mod.ravel()))
        fixture_io.write("dsp", f"descriptors_{name}", {
            "signal": name, "length": len(y), "delta1": fixture_io.arr(d1), "delta2": fixture_io.arr(d2),
            "contrast": fixture_io.arr(contrast), "chroma": fixture_io.arr(chroma),
            "chroma_filters": fixture_io.arr(chroma_filters(SR, N_FFT)[:, ::16]), "onset": fixture_io.arr(onset),
            "tempogram_bands": fixture_io.arr(lag_bands(tg)), "tempo": bpm, "modulation": fixture_io.arr(mod),
            "vector": fixture_io.arr(np.array(vector))})
        print(name, len(y), "tempo", bpm, "vector", len(vector))


if __name__ == "__main__":
    main()
