"""librosa's DSP formulas written out in numpy/scipy (librosa itself is not installed here).

Each function follows the librosa 0.10 source it names; everything is computed in float64.
"""
import numpy as np
import scipy.fftpack


def hz_to_mel(f, htk=False):
    f = np.asanyarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, mels)


def mel_to_hz(m, htk=False):
    m = np.asanyarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filterbank(sr, n_fft, n_mels=128, fmin=0.0, fmax=None, htk=False, norm="slaney"):
    """librosa.filters.mel."""
    if fmax is None:
        fmax = sr / 2.0
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + n_fft // 2))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
        weights *= enorm[:, np.newaxis]
    return weights


def hann(n):
    """scipy.signal.get_window('hann', n, fftbins=True)."""
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def stft_power(y, n_fft=2048, hop=512, center=True, pad_mode="constant"):
    """|librosa.stft|**2 with a periodic Hann window, [bins, frames]."""
    y = np.asarray(y, dtype=np.float64)
    if center:
        y = np.pad(y, n_fft // 2, mode=pad_mode)
    n_frames = 1 + (len(y) - n_fft) // hop
    idx = np.arange(n_fft)[None, :] + hop * np.arange(n_frames)[:, None]
    frames = y[idx] * hann(n_fft)[None, :]
    spec = np.fft.rfft(frames, axis=1).T
    return np.abs(spec) ** 2


def power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0):
    """librosa.power_to_db; ref may be a number or np.max."""
    ref_value = ref(S) if callable(ref) else ref
    log_spec = 10.0 * np.log10(np.maximum(amin, S)) - 10.0 * np.log10(np.maximum(amin, ref_value))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def mfcc(log_mel, n_mfcc=20):
    """librosa.feature.mfcc(S=log_mel): DCT-II, orthonormal, first n_mfcc rows."""
    return scipy.fftpack.dct(log_mel, axis=-2, type=2, norm="ortho")[:n_mfcc]


def frame(y, frame_length, hop):
    n_frames = 1 + (len(y) - frame_length) // hop
    return y[np.arange(frame_length)[:, None] + hop * np.arange(n_frames)[None, :]]


def spectral_frames(y, sr, n_fft=2048, hop=512, roll_percent=0.85, amin=1e-10):
    """Per-frame centroid, bandwidth, rolloff, flatness, zero-crossing rate and RMS as librosa.feature computes them."""
    S = np.sqrt(stft_power(y, n_fft, hop, True, "constant"))            # magnitude, power=1
    freq = np.fft.rfftfreq(n_fft, 1.0 / sr)[:, None]
    tiny = np.finfo(np.float32).tiny
    length = S.sum(axis=0, keepdims=True)
    length = np.where(length < tiny, 1.0, length)
    Sn = S / length                                                        # util.normalize(S, norm=1, axis=-2)
    centroid = np.sum(freq * Sn, axis=0)
    bandwidth = np.sum(Sn * np.abs(freq - centroid[None, :]) ** 2, axis=0) ** 0.5
    total = np.cumsum(S, axis=0)
    threshold = roll_percent * total[-1]
    ind = np.where(total < threshold[None, :], np.nan, 1)
    rolloff = np.nanmin(ind * freq, axis=0)
    S_thresh = np.maximum(amin, S ** 2.0)
    flatness = np.exp(np.mean(np.log(S_thresh), axis=0)) / np.mean(S_thresh, axis=0)
    yz = np.pad(np.asarray(y, np.float64), n_fft // 2, mode="edge")
    fz = frame(yz, n_fft, hop).copy()
    fz[np.abs(fz) <= 1e-10] = 0
    sign = np.signbit(fz)
    crossings = np.pad(sign[1:] != sign[:-1], [(1, 0), (0, 0)], constant_values=False)
    zcr = crossings.mean(axis=0)
    yr = np.pad(np.asarray(y, np.float64), n_fft // 2, mode="constant")
    rms = np.sqrt(np.mean(frame(yr, n_fft, hop) ** 2, axis=0))
    return {"centroid": centroid, "bandwidth": bandwidth, "rolloff": rolloff, "flatness": flatness, "zcr": zcr, "rms": rms}
