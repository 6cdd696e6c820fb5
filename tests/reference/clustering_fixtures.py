"""Reference values for src/Clustering from scikit-learn 1.2 / scipy 1.10 (run with /usr/bin/python3).

Every input is rounded to float32 first, so the C# side (float32 input) and the peers see identical numbers.
Inputs are stored once per dataset (data_NAME.json) and the other fixtures refer to them by name.
"""
import os

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import linkage, fcluster
from sklearn import datasets, metrics
from sklearn.cluster import KMeans, DBSCAN
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._utils import _binary_search_perplexity
from sklearn.preprocessing import StandardScaler

import fixture_io

AREA = "clustering"


def f32(x):
    return np.asarray(x, dtype=np.float32).astype(np.float64)


def blobs_with_noise():
    x, y = datasets.make_blobs(n_samples=400, centers=4, cluster_std=0.6, n_features=2, random_state=0)
    rng = np.random.RandomState(1)
    lo, hi = x.min(axis=0), x.max(axis=0)
    noise = rng.uniform(lo, hi, size=(40, 2))
    return np.vstack([x, noise]), np.concatenate([y, np.full(40, -1)])


def load():
    iris = datasets.load_iris()
    wine = datasets.load_wine()
    digits = datasets.load_digits()
    bx, by = blobs_with_noise()
    wine_std = StandardScaler().fit_transform(f32(wine.data))
    return {
        "iris": (f32(iris.data), iris.target),
        "wine": (f32(wine_std), wine.target),
        "digits": (f32(digits.data), digits.target),
        "blobs": (f32(bx), by),
    }, f32(wine.data)


def contingency_and_purity(y_true, y_pred):
    c = metrics.cluster.contingency_matrix(y_true, y_pred)
    return c, c.max(axis=0).sum() / c.sum()


def label_metrics(y_true, y_pred):
    c, purity = contingency_and_purity(y_true, y_pred)
    h, comp, v = metrics.homogeneity_completeness_v_measure(y_true, y_pred)
    return {
        "ari": metrics.adjusted_rand_score(y_true, y_pred),
        "nmi": metrics.normalized_mutual_info_score(y_true, y_pred),
        "ami": metrics.adjusted_mutual_info_score(y_true, y_pred),
        "mi": metrics.mutual_info_score(y_true, y_pred),
        "homogeneity": h, "completeness": comp, "v_measure": v,
        "purity": purity, "contingency": fixture_io.arr(c),
    }


def intrinsic(x, labels):
    return {
        "silhouette": metrics.silhouette_score(x, labels),
        "calinski_harabasz": metrics.calinski_harabasz_score(x, labels),
        "davies_bouldin": metrics.davies_bouldin_score(x, labels),
        "silhouette_samples_head": fixture_io.arr(metrics.silhouette_samples(x, labels)[:20]),
    }


def main():
    data, wine_raw = load()
    for name, (x, y) in data.items():
        fixture_io.write(AREA, "data_" + name, {"x": fixture_io.arr(x), "y": [int(v) for v in y]})

    dbscan_params = {"blobs": (0.3, 5), "iris": (0.4, 4), "wine": (1.9, 4), "digits": (22.0, 5)}
    for name, (x, y) in data.items():
        k = len(set(y) - {-1})
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        eps, ms = dbscan_params[name]
        db = DBSCAN(eps=eps, min_samples=ms).fit(x).labels_
        print(name, "dbscan clusters", len(set(db) - {-1}), "noise", int((db == -1).sum()))
        fixture_io.write(AREA, "kmeans_" + name, {"k": k, "n_init": 10, "inertia": float(km.inertia_)})
        fixture_io.write(AREA, "dbscan_" + name, {"eps": eps, "min_samples": ms, "labels": [int(v) for v in db]})

        pred = km.labels_ if name != "blobs" else db
        m = {"labels_true": [int(v) for v in y], "labels_pred": [int(v) for v in pred]}
        m.update(label_metrics(y, pred))
        m.update(intrinsic(x, km.labels_))
        m["labels_intrinsic"] = [int(v) for v in km.labels_]
        if name == "blobs":
            # Noise handled explicitly: intrinsic metrics without noise points, label metrics with noise as singletons.
            keep = db != -1
            m["no_noise"] = intrinsic(x[keep], db[keep])
            single = db.copy()
            single[~keep] = db.max() + 1 + np.arange((~keep).sum())
            m["noise_singletons"] = label_metrics(y, single)
        fixture_io.write(AREA, "metrics_" + name, m)

        z = linkage(x, method="ward")
        ward = {"linkage": fixture_io.arr(z)}
        for kk in (2, 3, 5, 10):
            ward[f"labels_{kk}"] = [int(v) for v in fcluster(z, kk, criterion="maxclust")]
        fixture_io.write(AREA, "ward_" + name, ward)

        pca = PCA(n_components=min(5, x.shape[1]), svd_solver="full").fit(x)
        fixture_io.write(AREA, "pca_" + name, {
            "n_components": pca.n_components_,
            "components": fixture_io.arr(pca.components_),
            "explained_variance": fixture_io.arr(pca.explained_variance_),
            "explained_variance_ratio": fixture_io.arr(pca.explained_variance_ratio_),
            "singular_values": fixture_io.arr(pca.singular_values_),
            "mean": fixture_io.arr(pca.mean_),
            "transformed_head": fixture_io.arr(pca.transform(x)[:10]),
        })

    # Trustworthiness of a fixed embedding (the first two principal components).
    for name in ("wine", "blobs", "iris"):
        x = data[name][0]
        emb = f32(PCA(n_components=2, svd_solver="full").fit_transform(x)[:, :2] if x.shape[1] > 2 else x[:, ::-1] * [1.0, 0.3])
        fixture_io.write(AREA, "trust_" + name, {
            "embedding": fixture_io.arr(emb),
            "t5": trustworthiness(x, emb, n_neighbors=5),
            "t10": trustworthiness(x, emb, n_neighbors=10),
        })

    # StandardScaler on raw wine (very different column scales).
    sc = StandardScaler().fit(wine_raw)
    fixture_io.write(AREA, "scaler_wine", {"x": fixture_io.arr(wine_raw), "mean": fixture_io.arr(sc.mean_),
                                           "scale": fixture_io.arr(sc.scale_),
                                           "transformed_head": fixture_io.arr(sc.transform(wine_raw)[:5])})

    # TruncatedSVD on the digits matrix as CSR (about half its entries are zero).
    xd = data["digits"][0]
    tsvd = TruncatedSVD(n_components=5, algorithm="arpack").fit(sp.csr_matrix(xd))
    fixture_io.write(AREA, "tsvd_digits", {
        "singular_values": fixture_io.arr(tsvd.singular_values_),
        "components": fixture_io.arr(tsvd.components_),
        "explained_variance_ratio": fixture_io.arr(tsvd.explained_variance_ratio_),
    })

    # Perplexity calibration on 40 iris points (conditional P, exact neighbourhoods).
    xs = data["iris"][0][::4][:40].astype(np.float32)
    d2 = ((xs[:, None, :] - xs[None, :, :]) ** 2).sum(-1).astype(np.float32)
    p = _binary_search_perplexity(d2, 10.0, 0)
    fixture_io.write(AREA, "perplexity_iris40", {"x": fixture_io.arr(xs), "perplexity": 10.0, "p": fixture_io.arr(p)})

    # A float64 .npy written by numpy itself, for the command-line reader.
    np.save(os.path.join(fixture_io.ROOT, AREA, "iris_head_f8.npy"), data["iris"][0][:6])

    # t-SNE: trustworthiness (k = 10) of scikit-learn's own embeddings.
    out = {}
    ts = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0, method="barnes_hut")
    y_bh = ts.fit_transform(xd)
    out["bh_trust10"] = trustworthiness(xd, y_bh, n_neighbors=10)
    out["bh_kl"] = float(ts.kl_divergence_)
    xi = data["iris"][0]
    te = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0, method="exact")
    y_ex = te.fit_transform(xi)
    out["iris_exact_trust10"] = trustworthiness(xi, y_ex, n_neighbors=10)
    out["iris_exact_kl"] = float(te.kl_divergence_)
    tb = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0, method="barnes_hut")
    y_ib = tb.fit_transform(xi)
    out["iris_bh_trust10"] = trustworthiness(xi, y_ib, n_neighbors=10)
    out["iris_bh_kl"] = float(tb.kl_divergence_)
    print(out)
    fixture_io.write(AREA, "tsne", out)


if __name__ == "__main__":
    main()
