"""Writes a float64 .npy file with numpy itself, so NpyFile is tested against the real format writer."""
import os
import numpy as np

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "data")
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "matrix_f8.npy"), np.array([[0.5, -1], [2, 1e300], [-3.25, 7]], dtype=np.float64))
