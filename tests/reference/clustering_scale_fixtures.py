"""Reference values for the large-n paths of src/Clustering (sampled silhouette, mini-batch k-means, FFT t-SNE).

Run with /usr/bin/python3 (Debian's python3-sklearn 1.2). Reads the datasets clustering_fixtures.py wrote, so both
scripts see identical float32 inputs.
"""
import json
import os

import numpy as np
from sklearn import metrics
from sklearn.cluster import KMeans, MiniBatchKMeans

import fixture_io

AREA = "clustering"


def read(name):
    with open(os.path.join(fixture_io.ROOT, AREA, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def matrix(entry):
    return np.asarray(entry["data"], dtype=np.float64).reshape(entry["shape"])


def sampled_silhouette():
    out = {}
    for name in ("digits", "blobs"):
        x = matrix(read("data_" + name)["x"])
        labels = np.asarray(read("metrics_" + name)["labels_intrinsic"])
        cases = []
        for seed, size in ((0, 500), (3, 900), (42, 300)) if name == "digits" else ((0, 200), (3, 400), (42, 100)):
            # silhouette_score draws random_state.permutation(n)[:sample_size]; the indices are stored so the C# test
            # checks its own draw against numpy's as well as the score.
            idx = np.random.RandomState(seed).permutation(x.shape[0])[:size]
            score = metrics.silhouette_score(x, labels, sample_size=size, random_state=seed)
            cases.append({"seed": seed, "sample_size": size, "indices": [int(i) for i in idx], "silhouette": float(score)})
        out[name] = cases
    fixture_io.write(AREA, "silhouette_sampled", out)


def mini_batch_kmeans():
    # Mean and spread over seeds: a mini-batch run depends on its random batches, so a single seed says little.
    out = {}
    for name, k, batch in (("digits", 10, 256), ("blobs", 4, 128), ("wine", 3, 64)):
        x = matrix(read("data_" + name)["x"]).astype(np.float32)
        runs = [MiniBatchKMeans(n_clusters=k, batch_size=batch, n_init=3, random_state=s).fit(x) for s in range(10)]
        inertia = [float(r.inertia_) for r in runs]
        out[name] = {"k": k, "batch_size": batch, "inertia": inertia, "n_steps": [int(r.n_steps_) for r in runs],
                     "full_inertia": float(KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).inertia_)}
        print(name, "mini-batch inertia mean", np.mean(inertia), "max", np.max(inertia), "steps", out[name]["n_steps"],
              "full", out[name]["full_inertia"])
    fixture_io.write(AREA, "minibatch_kmeans", out)


def main():
    sampled_silhouette()
    mini_batch_kmeans()


if __name__ == "__main__":
    main()
