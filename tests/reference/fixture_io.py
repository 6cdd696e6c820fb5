"""Shared writer for the JSON fixtures that the C# tests read (see tests/MusicCluster.TestSupport/Fixture.cs).

Run every script with Debian's interpreter, /usr/bin/python3, which has python3-torch, python3-sklearn
and python3-scipy installed.
"""
import json
import math
import os

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def _clean(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    return x


def arr(a):
    """An array entry: {"shape": [...], "data": [...]} in row-major order, float64 precision."""
    a = np.asarray(a.detach().cpu().numpy() if hasattr(a, "detach") else a)
    flat = [_clean(float(v)) for v in a.astype(np.float64).ravel()]
    return {"shape": list(a.shape), "data": flat}


def write(area, name, obj):
    """Writes fixtures/AREA/NAME.json; obj is a dict of scalars, strings, lists and arr(...) entries."""
    d = os.path.join(ROOT, area)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))
    return path
