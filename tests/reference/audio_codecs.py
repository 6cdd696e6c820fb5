"""Compressed-audio fixtures for the managed decoders (tests/MusicCluster.Experiments.Tests/Audio/Managed*Tests.cs).

Writes fixtures/audio/*.flac|mp3|ogg|opus and fixtures/audio/flac_reference.json. FLAC files come from three
encoders: ffmpeg (several LPC / stereo modes / block sizes), the reference `flac` tool (apt-get install flac), and
the small writer below, which emits what encoders rarely do: variable block sizes, escape-coded Rice partitions,
5-bit Rice parameters, wasted bits, constant and verbatim subframes, 12/20-bit samples, 3 channels. The reference
for every FLAC file is ffmpeg's own decode (SHA-256 of the interleaved int32 samples). The lossy files are compared
against ffmpeg at test time (CI installs ffmpeg). Run with /usr/bin/python3 from the repository root.
"""
import hashlib
import json
import os
import subprocess
import tempfile

import numpy as np

from fixture_io import ROOT

OUT = os.path.join(ROOT, "audio")


def music(seconds, rate, channels, seed):
    """A deterministic music-like signal: plucked harmonic notes with envelopes, a little noise, panned per channel."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    out = np.zeros((n, channels))
    for k in range(6):
        f0 = 110 * 2 ** (rng.integers(0, 24) / 12)
        start = rng.uniform(0, seconds * 0.6)
        env = np.where(t >= start, np.exp(-(t - start) * rng.uniform(2, 8)), 0.0)
        note = sum((0.5 / h) * np.sin(2 * np.pi * f0 * h * t + rng.uniform(0, 6.28)) for h in range(1, 6) if f0 * h < rate / 2)
        pan = rng.uniform(0.2, 0.8)
        for c in range(channels):
            out[:, c] += 0.25 * env * note * (pan if c % 2 == 0 else 1 - pan)
    out += 0.003 * rng.standard_normal(out.shape)
    return np.clip(out, -0.99, 0.99)


def wav(path, x, rate, bits):
    """Writes integer PCM WAV (16/24/32-bit) with the samples in the top bits for sub-container depths."""
    import wave
    container = 16 if bits <= 16 else 24 if bits <= 24 else 32
    q = np.round(x * (2 ** (bits - 1) - 1)).astype(np.int64) << (container - bits)
    with wave.open(path, "wb") as w:
        w.setnchannels(x.shape[1]); w.setsampwidth(container // 8); w.setframerate(rate)
        b = q.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :container // 8] if container != 16 else q.astype("<i2").view(np.uint8)
        w.writeframes(b.tobytes())


def run(*args):
    subprocess.run(args, check=True, capture_output=True)


def ffmpeg_int_samples(path, bits):
    """ffmpeg's decode as interleaved int32 at the file's own depth (s32le holds the value in the top bits)."""
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"], check=True, capture_output=True).stdout
    s = np.frombuffer(raw, dtype="<i4").astype(np.int64)
    assert not np.any(s & ((1 << (32 - bits)) - 1)), "ffmpeg output has low bits set"
    return (s >> (32 - bits)).astype("<i4")


class Bits:
    def __init__(self):
        self.bits = []

    def put(self, value, n):
        for i in range(n - 1, -1, -1):
            self.bits.append((value >> i) & 1)

    def signed(self, value, n):
        self.put(value & ((1 << n) - 1), n)

    def unary(self, q):
        self.bits.extend([0] * q + [1])

    def align(self):
        while len(self.bits) % 8:
            self.bits.append(0)

    def bytes(self):
        self.align()
        return bytes(int("".join(map(str, self.bits[i:i + 8])), 2) for i in range(0, len(self.bits), 8))


def crc(data, poly, width):
    c, top, mask = 0, 1 << (width - 1), (1 << width) - 1
    for b in data:
        c ^= b << (width - 8)
        for _ in range(8):
            c = ((c << 1) ^ poly) & mask if c & top else (c << 1) & mask
    return c


def utf8_number(v):
    if v < 0x80:
        return bytes([v])
    n = 2
    while v >= 1 << (5 * n + 1):
        n += 1
    out = []
    for _ in range(n - 1):
        out.append(0x80 | (v & 0x3F)); v >>= 6
    out.append(((0xFF << (8 - n)) & 0xFF) | v)
    return bytes(reversed(out))


def residual(bw, r, rng):
    """Residual with method 0 or 1, partition order up to 2, random escape partitions."""
    method = int(rng.integers(0, 2))
    order_p = int(rng.integers(0, 3))
    while len(r) % (1 << order_p) or (len(r) >> order_p) < 1:
        order_p -= 1
    return method, order_p


def encode_subframe(bw, x, bps, rng, kind):
    """One subframe of kind constant/verbatim/fixedN with optional wasted bits and escape partitions."""
    wasted = 0
    if kind != "constant" and np.all(x % 2 == 0) and np.any(x):
        wasted = 1
        while np.all(x % (1 << (wasted + 1)) == 0) and wasted < bps - 1:
            wasted += 1
    y = x >> wasted
    b = bps - wasted
    types = {"constant": 0, "verbatim": 1, "fixed0": 8, "fixed1": 9, "fixed2": 10, "fixed3": 11, "fixed4": 12}
    bw.put(0, 1); bw.put(types[kind], 6)
    if wasted:
        bw.put(1, 1); bw.unary(wasted - 1)
    else:
        bw.put(0, 1)
    if kind == "constant":
        bw.signed(int(y[0]), b); return
    if kind == "verbatim":
        for v in y: bw.signed(int(v), b)
        return
    order = int(kind[-1])
    for v in y[:order]: bw.signed(int(v), b)
    r = y.astype(np.int64)
    for _ in range(order): r = np.diff(np.concatenate([[0], r]))
    # the fixed predictors of order k are the k-th differences
    res = y.astype(np.int64)
    for _ in range(order): res = res[1:] - res[:-1]
    method = int(rng.integers(0, 2)); pbits, esc = (4, 15) if method == 0 else (5, 31)
    n = len(y); porder = int(rng.integers(0, 3))
    while n % (1 << porder) or (n >> porder) < order: porder -= 1
    bw.put(method, 2); bw.put(porder, 4)
    size = n >> porder; at = 0
    for p in range(1 << porder):
        part = res[at:at + (size - order if p == 0 else size)]; at += len(part)
        if rng.random() < 0.25 or len(part) == 0:
            need = max([int(abs(int(v))).bit_length() + 1 for v in part] + [0])
            bw.put(esc, pbits); bw.put(need, 5)
            for v in part: bw.signed(int(v), need) if need else None
        else:
            mean = float(np.mean(np.abs(part))) + 1
            k = min(max(int(np.log2(mean)), 0), esc - 1)
            bw.put(k, pbits)
            for v in part:
                u = (int(v) << 1) ^ (int(v) >> 63) if v >= 0 else ((-int(v)) << 1) - 1
                bw.unary(u >> k); bw.put(u & ((1 << k) - 1), k)


def write_flac(path, x, rate, bps, rng):
    """A FLAC stream with variable block sizes, the channel modes that fit, and the subframe kinds above."""
    n, ch = x.shape
    frames, at = [], 0
    sizes = []
    while at < n:
        bs = min(n - at, int(rng.choice([16, 100, 192, 576, 1000, 1152, 2048, 4096])))
        sizes.append(bs)
        blk = x[at:at + bs]
        bw = Bits()
        bw.put(0xFFF9, 16)  # sync + variable blocking strategy
        code = {192: 1, 576: 3, 1152: 4, 4096: 12}.get(bs, 6 if bs <= 256 else 7)
        bw.put(code, 4); bw.put(0, 4)  # sample rate from STREAMINFO
        mode = ch - 1
        if ch == 2:
            mode = int(rng.choice([1, 8, 9, 10]))
        bw.put(mode, 4)
        bw.put({8: 1, 12: 2, 16: 4, 20: 5, 24: 6}.get(bps, 0), 3); bw.put(0, 1)
        for byte in utf8_number(at):
            bw.put(byte, 8)
        if code == 6: bw.put(bs - 1, 8)
        if code == 7: bw.put(bs - 1, 16)
        head = bw.bytes(); bw.put(crc(head, 0x07, 8), 8)
        chans = [blk[:, c].astype(np.int64) for c in range(ch)]
        sidebit = [0] * ch
        if mode == 8: chans = [chans[0], chans[0] - chans[1]]; sidebit = [0, 1]
        if mode == 9: chans = [chans[0] - chans[1], chans[1]]; sidebit = [1, 0]
        if mode == 10:
            chans = [(chans[0] + chans[1]) >> 1, chans[0] - chans[1]]; sidebit = [0, 1]
        for c, s in enumerate(chans):
            kind = "constant" if np.all(s == s[0]) else str(rng.choice(["verbatim", "fixed0", "fixed1", "fixed2", "fixed3", "fixed4"]))
            if kind.startswith("fixed") and int(kind[-1]) > len(s): kind = "verbatim"
            encode_subframe(bw, s, bps + sidebit[c], rng, kind)
        body = bw.bytes()
        frames.append(body + crc(body, 0x8005, 16).to_bytes(2, "big"))
        at += bs
    info = Bits()
    info.put(min(sizes), 16); info.put(max(sizes), 16); info.put(0, 24); info.put(0, 24)
    info.put(rate, 20); info.put(ch - 1, 3); info.put(bps - 1, 5); info.put(n, 36); info.put(0, 128)
    with open(path, "wb") as f:
        f.write(b"fLaC" + bytes([0x80, 0, 0, 34]) + info.bytes() + b"".join(frames))


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {}
    tmp = tempfile.mkdtemp()
    flacs = [
        # name, seconds, rate, channels, bits, encoder arguments
        ("ff16_stereo_default.flac", 0.3, 44100, 2, 16, ["ffmpeg"]),
        ("ff16_stereo_midside_b1152.flac", 0.3, 44100, 2, 16, ["ffmpeg", "-ch_mode", "mid_side", "-frame_size", "1152", "-lpc_type", "cholesky", "-max_prediction_order", "32"]),
        ("ff16_stereo_leftside_fixed.flac", 0.3, 32000, 2, 16, ["ffmpeg", "-ch_mode", "left_side", "-lpc_type", "fixed", "-frame_size", "576"]),
        ("ff16_stereo_rightside_b256.flac", 0.3, 22050, 2, 16, ["ffmpeg", "-ch_mode", "right_side", "-frame_size", "256", "-exact_rice_parameters", "1"]),
        ("ff24_mono_b4096.flac", 0.3, 48000, 1, 24, ["ffmpeg", "-frame_size", "4096", "-compression_level", "12"]),
        ("flac16_mono_b192.flac", 0.3, 8000, 1, 16, ["flac", "-8", "--lax", "-b", "192"]),
        ("flac24_stereo_b2048.flac", 0.25, 48000, 2, 24, ["flac", "-8", "-b", "2048"]),
        ("flac8_stereo_b1024.flac", 0.4, 16000, 2, 8, ["flac", "-5", "-b", "1024"]),
    ]
    for name, sec, rate, ch, bits, enc in flacs:
        x = music(sec, rate, ch, seed=len(name))
        src = os.path.join(tmp, name + ".wav")
        out = os.path.join(OUT, name)
        if bits == 8:
            import wave
            q = (np.round(x * 127).astype(np.int64) + 128).astype(np.uint8)
            with wave.open(src, "wb") as w:
                w.setnchannels(ch); w.setsampwidth(1); w.setframerate(rate); w.writeframes(q.tobytes())
        else:
            wav(src, x, rate, bits)
        if enc[0] == "ffmpeg":
            fmt = ["-sample_fmt", "s16"] if bits == 16 else ["-sample_fmt", "s32", "-bits_per_raw_sample", str(bits)]
            run("ffmpeg", "-v", "error", "-y", "-i", src, "-c:a", "flac", *fmt, *enc[1:], out)
        else:
            run("flac", "-s", "-f", *enc[1:], "-o", out, src)
    rng = np.random.default_rng(9639)
    for name, sec, rate, ch, bits in [("py12_stereo_varblock.flac", 0.25, 16000, 2, 12), ("py20_3ch_varblock.flac", 0.2, 24000, 3, 20),
                                      ("py16_stereo_varblock.flac", 0.25, 44100, 2, 16)]:
        x = music(sec, rate, ch, seed=len(name))
        q = np.round(x * (2 ** (bits - 1) - 1)).astype(np.int64)
        q[: rate // 20] &= ~np.int64(7)            # a stretch with wasted bits
        q[rate // 20: rate // 20 + 300] = q[rate // 20]  # a constant stretch
        write_flac(os.path.join(OUT, name), q, rate, bits, rng)
    for name in sorted(f for f in os.listdir(OUT) if f.endswith(".flac")):
        path = os.path.join(OUT, name)
        probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", path], check=True, capture_output=True).stdout)["streams"][0]
        bits = int(probe.get("bits_per_raw_sample") or 0)
        s = ffmpeg_int_samples(path, bits)
        ch = int(probe["channels"])
        ref[name] = {"channels": ch, "bits": bits, "rate": int(probe["sample_rate"]), "frames": len(s) // ch,
                     "sha256": hashlib.sha256(s.tobytes()).hexdigest(), "head": [int(v) for v in s[:8]]}

    # Lossy: small files, decoded by ffmpeg in the test itself.
    lossy = [
        ("lame_stereo_44k.mp3", 1.2, 44100, 2, ["-c:a", "libmp3lame", "-b:a", "128k"]),
        ("lame_mono_22k_id3.mp3", 1.0, 22050, 1, ["-c:a", "libmp3lame", "-q:a", "4", "-id3v2_version", "3", "-metadata", "title=fixture"]),
        ("lame_stereo_48k_noxing.mp3", 1.0, 48000, 2, ["-c:a", "libmp3lame", "-b:a", "160k", "-write_xing", "0"]),
        ("vorbis_stereo_44k.ogg", 1.2, 44100, 2, ["-c:a", "libvorbis", "-q:a", "4"]),
        ("vorbis_mono_22k.ogg", 1.0, 22050, 1, ["-c:a", "libvorbis", "-q:a", "3"]),
        ("opus_stereo_48k.opus", 1.2, 48000, 2, ["-c:a", "libopus", "-b:a", "96k"]),
        ("opus_mono_16k.opus", 1.0, 16000, 1, ["-c:a", "libopus", "-b:a", "48k"]),
    ]
    for name, sec, rate, ch, args in lossy:
        src = os.path.join(tmp, name + ".wav")
        wav(src, music(sec, rate, ch, seed=len(name)), rate, 16)
        run("ffmpeg", "-v", "error", "-y", "-i", src, "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", *args, os.path.join(OUT, name))
    with open(os.path.join(OUT, "flac_reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {len(os.listdir(OUT))} files, {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
