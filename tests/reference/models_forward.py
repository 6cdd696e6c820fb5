"""Fixtures for tests/MusicCluster.Models.Tests: PyTorch-exported weights (safetensors) with the outputs PyTorch computes.

Writes fixtures/models/:
  torch_vae.safetensors / torch_vae.json         MLP Vae 40-64-8: mu, logvar, decode(mu), loss parts (z = mu)
  torch_convvae.safetensors / torch_convvae.json ConvVae 1x16x24, channels 4-8-16, latent 4
  optim_vae.safetensors / optim.json              small Vae 12-16-4: weights after 3 steps of Adam, AdamW (+ clipping), SGD
  batchnorm.json                                  BatchNorm1d/2d training outputs, running stats, evaluation outputs
Run with /usr/bin/python3 (torch 1.13).
"""
import json
import os

import numpy as np
import torch

import fixture_io
from models_common import ConvVae, Vae, structured_batch, vae_loss, write_safetensors

OUT = os.path.join(fixture_io.ROOT, "models")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)


def export(name, model, kind, config, x):
    model.eval()
    write_safetensors(os.path.join(OUT, name + ".safetensors"), model.state_dict(),
                      {"format": "musiccluster.checkpoint.v1", "kind": kind, "config": json.dumps(config, separators=(",", ":")), "epoch": 0})
    with torch.no_grad():
        mu, logvar = model.encode(x)
        recon = model.decoder(mu)
        total, rec, kl = vae_loss(model, x, 1.0)
    fixture_io.write("models", name, {"x": fixture_io.arr(x), "mu": fixture_io.arr(mu), "logvar": fixture_io.arr(logvar),
                                      "recon": fixture_io.arr(recon), "loss_recon": float(rec), "loss_kl": float(kl)})


vae_cfg = {"InputFeatures": 40, "Hidden": [64], "Latent": 8, "Beta": 1.0, "Deterministic": False}
export("torch_vae", Vae(40, (64,), 8), "Vae", vae_cfg, torch.randn(5, 40))

conv_cfg = {"InputChannels": 1, "Height": 16, "Width": 24, "Channels": [4, 8, 16], "Kernel": 4, "Stride": 2, "Padding": 1,
            "Latent": 4, "Beta": 1.0, "Deterministic": False}
export("torch_convvae", ConvVae(1, 16, 24, (4, 8, 16), 4, 2, 1, 4), "ConvVae", conv_cfg, torch.from_numpy(structured_batch(3, 1, 16, 24, 5)))

# Optimizers: three steps from the same start on the deterministic (z = mu) loss of one batch.
small = Vae(12, (16,), 4)
start = {k: v.clone() for k, v in small.state_dict().items()}
write_safetensors(os.path.join(OUT, "optim_vae.safetensors"), start,
                  {"format": "musiccluster.checkpoint.v1", "kind": "Vae",
                   "config": json.dumps({"InputFeatures": 12, "Hidden": [16], "Latent": 4, "Beta": 1.0, "Deterministic": False})})
xo = torch.randn(6, 12)
results = {"x": fixture_io.arr(xo)}


def run(tag, make_opt, clip=None):
    small.load_state_dict(start)
    opt = make_opt(small.parameters())
    for _ in range(3):
        opt.zero_grad()
        total, _, _ = vae_loss(small, xo, 0.5)
        total.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(small.parameters(), clip)
        opt.step()
    for k, v in small.state_dict().items():
        results[tag + "." + k] = fixture_io.arr(v)


run("adam", lambda p: torch.optim.Adam(p, lr=1e-2))
run("adamw", lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.1), clip=0.5)
run("sgd", lambda p: torch.optim.SGD(p, lr=1e-2, momentum=0.9, weight_decay=1e-3))
fixture_io.write("models", "optim", results)

# BatchNorm: two training steps (running statistics), then evaluation.
bn = {}
for tag, layer, shape in [("bn1d", torch.nn.BatchNorm1d(5), (6, 5)), ("bn1d3", torch.nn.BatchNorm1d(3), (4, 3, 7)), ("bn2d", torch.nn.BatchNorm2d(3), (4, 3, 5, 5))]:
    with torch.no_grad():
        layer.weight.copy_(torch.rand(layer.weight.shape) + 0.5)
        layer.bias.copy_(torch.randn(layer.bias.shape))
    x1, x2, x3 = torch.randn(*shape) * 2 + 1, torch.randn(*shape), torch.randn(*shape)
    layer.train()
    y1 = layer(x1)
    y2 = layer(x2)
    layer.eval()
    y3 = layer(x3)
    for k, v in {"weight": layer.weight, "bias": layer.bias, "x1": x1, "x2": x2, "x3": x3, "y1": y1, "y2": y2, "y3": y3,
                 "running_mean": layer.running_mean, "running_var": layer.running_var}.items():
        bn[tag + "." + k] = fixture_io.arr(v)
fixture_io.write("models", "batchnorm", bn)
print("wrote", OUT)
