"""Reads checkpoints written by our C# code and runs the same forward pass in PyTorch.

Inputs (committed, written by CheckpointTests.CommittedCheckpointsAreOurSeededModels with
MUSICCLUSTER_WRITE_MODEL_FIXTURES=tests/reference/fixtures/models):
  fixtures/models/ours_vae.safetensors, fixtures/models/ours_convvae.safetensors
Checks the header (format tag, kind, config, names, shapes) with a reader written from the safetensors spec, loads the
weights into the PyTorch twins (strict), and writes fixtures/models/ours_*_torch.json with an input and PyTorch's
mu, logvar and decode(mu). CheckpointTests.PyTorchReproducesOurCheckpoint compares our outputs with those.
Run with /usr/bin/python3 (torch 1.13).
"""
import json
import os

import numpy as np
import torch

import fixture_io
from models_common import model_from_config, read_safetensors, structured_batch

OUT = os.path.join(fixture_io.ROOT, "models")

for name in ["ours_vae", "ours_convvae"]:
    tensors, meta = read_safetensors(os.path.join(OUT, name + ".safetensors"))
    assert meta["format"] == "musiccluster.checkpoint.v1", meta
    config = json.loads(meta["config"])
    model = model_from_config(meta["kind"], config)
    expected = model.state_dict()
    assert list(tensors) == list(expected), (list(tensors), list(expected))
    for k in expected:
        assert tuple(tensors[k].shape) == tuple(expected[k].shape), (k, tensors[k].shape, expected[k].shape)
    model.load_state_dict(tensors, strict=True)
    model.eval()
    if meta["kind"] == "Vae":
        x = torch.from_numpy(np.random.default_rng(3).standard_normal((4, config["InputFeatures"])).astype(np.float32))
    else:
        x = torch.from_numpy(structured_batch(3, config["InputChannels"], config["Height"], config["Width"], 11))
    with torch.no_grad():
        mu, logvar = model.encode(x)
        recon = model.decoder(mu)
    fixture_io.write("models", name + "_torch", {"x": fixture_io.arr(x), "mu": fixture_io.arr(mu), "logvar": fixture_io.arr(logvar),
                                                 "recon": fixture_io.arr(recon), "epoch": int(meta["epoch"])})
    print(name, meta["kind"], "epoch", meta["epoch"], "ok")
