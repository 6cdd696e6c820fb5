"""DSP agreement fixtures: numpy.fft.rfft, torch.stft, librosa's mel/power_to_db/MFCC/spectral formulas.

Run: /usr/bin/python3 tests/reference/dsp_fixtures.py   (writes tests/reference/fixtures/dsp/*.json)
"""
import numpy as np
import torch

import fixture_io
from dsp_formulas import mel_filterbank, mfcc, power_to_db, spectral_frames, stft_power
from dsp_signals import SIGNALS, SR, signal

torch.set_default_dtype(torch.float64)


def rounded(a, digits=9):
    """Values rounded to `digits` significant digits, keeping the JSON small (tests compare to 1e-4)."""
    a = np.asarray(a, dtype=np.float64)
    return np.array([float(f"{v:.{digits}g}") for v in a.ravel()]).reshape(a.shape)


def fft_fixture():
    rng = np.random.default_rng(5)
    cases = {}
    for n in [1, 2, 3, 4, 5, 8, 12, 17, 64, 100, 255, 256, 1000, 1025, 2048]:
        x = rng.standard_normal(n).astype(np.float32)
        X = np.fft.rfft(x.astype(np.float64))
        cases[f"n{n}"] = {"x": fixture_io.arr(x), "re": fixture_io.arr(rounded(X.real)), "im": fixture_io.arr(rounded(X.imag))}
    fixture_io.write("dsp", "fft", cases)


def stft_fixtures():
    cases = [("chirp", 256, 64, "reflect"), ("chord", 256, 64, "constant"), ("chord", 200, 50, "reflect"),
             ("noise", 256, 64, "reflect"), ("noise", 256, 64, "constant"), ("silence", 256, 64, "constant")]
    out = {}
    for name, n_fft, hop, pad in cases:
        y = signal(name)[:2048]
        spec = torch.stft(torch.from_numpy(y.astype(np.float64)), n_fft, hop, window=torch.hann_window(n_fft, periodic=True),
                          center=True, pad_mode=pad, return_complex=True)
        power = (spec.real ** 2 + spec.imag ** 2).numpy()
        # torch.stft and the numpy formula must agree before either is used as the reference.
        assert np.allclose(power, stft_power(y, n_fft, hop, True, pad), rtol=1e-9, atol=1e-9 * power.max() + 1e-12)
        out[f"{name}_{n_fft}_{pad}"] = {"signal": name, "length": 2048, "n_fft": n_fft, "hop": hop, "pad_mode": pad,
                                        "power": fixture_io.arr(rounded(power))}
    fixture_io.write("dsp", "stft", out)


def mel_fixture():
    banks = [("slaney_8k", 8000, 256, 20, 0.0, None, False, "slaney"),
             ("htk_22k", 22050, 512, 40, 50.0, 8000.0, True, "slaney"),
             ("htk_16k_nonorm", 16000, 400, 32, 0.0, None, True, None),
             ("slaney_22k_nonorm", 22050, 512, 24, 300.0, 6000.0, False, None)]
    out = {}
    for name, sr, n_fft, n_mels, fmin, fmax, htk, norm in banks:
        w = mel_filterbank(sr, n_fft, n_mels, fmin, fmax, htk, norm)
        out[name] = {"sr": sr, "n_fft": n_fft, "n_mels": n_mels, "fmin": fmin, "fmax": fmax if fmax else 0.0,
                     "htk": int(htk), "slaney_norm": int(norm == "slaney"), "weights": fixture_io.arr(rounded(w))}
    fixture_io.write("dsp", "mel", out)


def logmel_fixtures():
    """Default settings: sr 22050, n_fft 2048, hop 512, 64 Slaney mels, centred with zero padding, 20 MFCCs."""
    fb = mel_filterbank(SR, 2048, 64)
    for name in SIGNALS:
        y = signal(name)
        mel = fb @ stft_power(y, 2048, 512, True, "constant")
        db = power_to_db(mel)
        db_max = power_to_db(mel, ref=np.max)
        mf = mfcc(db, 20)
        frames = spectral_frames(y, SR)
        order = ["centroid", "bandwidth", "rolloff", "flatness", "zcr", "rms"]
        series = np.stack([frames[k] for k in order])
        vector = []
        for row in list(series) + list(mf) + list(db):
            vector += [row.mean(), row.std()]
        fixture_io.write("dsp", f"logmel_{name}", {
            "signal": name, "mel_power": fixture_io.arr(rounded(mel)), "log_mel": fixture_io.arr(rounded(db)),
            "log_mel_ref_max": fixture_io.arr(rounded(db_max)), "mfcc": fixture_io.arr(rounded(mf)),
            "frame_series": fixture_io.arr(rounded(series)), "statistics": fixture_io.arr(rounded(np.array(vector)))})


if __name__ == "__main__":
    fft_fixture()
    stft_fixtures()
    mel_fixture()
    logmel_fixtures()
