"""PyTorch twins of MusicCluster's Vae and ConvVae (src/Models/Networks) and a tiny safetensors reader/writer.

The architectures must stay identical to the C# ones: same module names, same layer order, linear outputs, and
the same loss — squared error summed over each sample's elements and averaged over the batch, plus beta times the
Gaussian KL divergence (summed over latent dimensions, averaged over the batch).
The safetensors code follows the format's spec (8-byte little-endian header length, JSON header with dtype, shape
and data_offsets, optional __metadata__ of strings); the `safetensors` package is not installed here.
"""
import json
import struct

import numpy as np
import torch
from torch import nn


class Vae(nn.Module):
    def __init__(self, input_features=40, hidden=(64,), latent=8):
        super().__init__()
        enc, width = [], input_features
        for h in hidden:
            enc += [nn.Linear(width, h), nn.ReLU()]
            width = h
        self.encoder = nn.Sequential(*enc)
        self.fc_mu = nn.Linear(width, latent)
        self.fc_logvar = nn.Linear(width, latent)
        dec, width = [], latent
        for h in reversed(hidden):
            dec += [nn.Linear(width, h), nn.ReLU()]
            width = h
        dec.append(nn.Linear(width, input_features))
        self.decoder = nn.Sequential(*dec)

    def encode(self, x):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)


class ConvVae(nn.Module):
    def __init__(self, in_channels=1, height=64, width=64, channels=(32, 64, 128), kernel=4, stride=2, padding=1, latent=16):
        super().__init__()
        enc, c, hs, ws = [], in_channels, [height], [width]
        for oc in channels:
            enc += [nn.Conv2d(c, oc, kernel, stride, padding), nn.ReLU()]
            c = oc
            hs.append((hs[-1] + 2 * padding - kernel) // stride + 1)
            ws.append((ws[-1] + 2 * padding - kernel) // stride + 1)
        enc.append(nn.Flatten())
        self.encoder = nn.Sequential(*enc)
        n = len(channels)
        features = channels[-1] * hs[n] * ws[n]
        self.fc_mu = nn.Linear(features, latent)
        self.fc_logvar = nn.Linear(features, latent)
        dec = [nn.Linear(latent, features), nn.ReLU(), nn.Unflatten(1, (channels[-1], hs[n], ws[n]))]
        for i in range(n - 1, -1, -1):
            oc = in_channels if i == 0 else channels[i - 1]
            op = hs[i] - ((hs[i + 1] - 1) * stride - 2 * padding + kernel)
            dec.append(nn.ConvTranspose2d(channels[i], oc, kernel, stride, padding, output_padding=op))
            if i > 0:
                dec.append(nn.ReLU())
        self.decoder = nn.Sequential(*dec)

    def encode(self, x):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)


def vae_loss(model, x, beta, sample=False):
    """Returns (total, recon, kl); z = mu unless sample, then mu + exp(logvar/2) * eps with eps ~ N(0, I)."""
    mu, logvar = model.encode(x)
    z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu) if sample else mu
    recon = model.decoder(z)
    n = x.shape[0]
    rec = ((recon - x) ** 2).sum() / n
    kl = (-0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum()) / n
    return rec + beta * kl, rec, kl


def model_from_config(kind, config):
    if kind == "Vae":
        return Vae(config["InputFeatures"], tuple(config["Hidden"]), config["Latent"])
    return ConvVae(config["InputChannels"], config["Height"], config["Width"], tuple(config["Channels"]),
                   config["Kernel"], config["Stride"], config["Padding"], config["Latent"])


def write_safetensors(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        a = np.ascontiguousarray(t.detach().cpu().numpy().astype("<f4"))
        b = a.tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = {}
    for name, e in header.items():
        assert e["dtype"] == "F32", (name, e["dtype"])
        b, end = e["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(body[b:end], dtype="<f4").reshape(e["shape"]).copy())
    return tensors, meta


def structured_batch(n, c, h, w, seed):
    """Smooth, log-mel-like patches (sums of a few 2-D sinusoids), deterministic in seed."""
    rng = np.random.default_rng(seed)
    yy, xx = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    out = np.zeros((n, c, h, w), dtype=np.float64)
    for i in range(n):
        for ch in range(c):
            fy, fx, ph = rng.uniform(0.05, 0.4), rng.uniform(0.05, 0.4), rng.uniform(0, 6.28)
            out[i, ch] = np.sin(fy * yy + ph) * np.cos(fx * xx)
    return out.astype(np.float32)
