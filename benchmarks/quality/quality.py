"""Quality benchmark on the real-music development set (build it first with build_devset.sh).

Runs `musiccluster run all` on the set and, on the same tracks in the same process, the peers' baselines:
  - scikit-learn LSA for language: TfidfVectorizer → TruncatedSVD(32) → Normalizer → KMeans(2) / Ward(2)
  - log-mel mean+std (128 bands) → PCA(16) → KMeans, genre
  - the numpy MFCC + Δ + spectral-contrast reference (tests/reference/dsp_descriptors.py formulas), standardised → KMeans
and writes benchmarks/results/quality.md: ARI/NMI vs genre for every audio representation, ARI vs language for lyrics,
mean ± std over seeds. Usage: /usr/bin/python3 benchmarks/quality/quality.py [DEVSET] [--seeds 3]
"""
import argparse
import csv
import os
import subprocess
import sys
import time
from collections import defaultdict

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.preprocessing import Normalizer, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "reference"))
from dsp_descriptors import delta, spectral_contrast  # noqa: E402
from dsp_formulas import mel_filterbank, mfcc, power_to_db, stft_power  # noqa: E402

SR, SECONDS = 22050, 30


def decode(path):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-t", str(SECONDS), "-ac", "1", "-ar", str(SR), "-f", "f32le", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype=np.float32)


def ms(values):
    a = np.asarray(values, dtype=float)
    return f"{a.mean():.3f} ± {a.std():.3f}"


def peers(devset, seeds):
    rows = list(csv.DictReader(open(os.path.join(devset, "tracks.csv"), encoding="utf-8")))
    genre = [r["genre"] for r in rows]
    lang = [r["language"] for r in rows]
    k = len(set(genre))
    out = defaultdict(lambda: defaultdict(list))
    for s in seeds:
        x = TfidfVectorizer(sublinear_tf=True).fit_transform([r["lyrics"] for r in rows])
        z = Normalizer(copy=False).fit_transform(TruncatedSVD(32, random_state=s).fit_transform(x))
        out["sklearn LSA (lyrics) + KMeans(2)"]["ari_language"].append(adjusted_rand_score(lang, KMeans(2, n_init=10, random_state=s).fit_predict(z)))
        out["sklearn LSA (lyrics) + Ward(2)"]["ari_language"].append(adjusted_rand_score(lang, AgglomerativeClustering(2).fit_predict(z)))
    fb = mel_filterbank(SR, 2048, 128)
    logmel_stats, ref = [], []
    for r in rows:
        y = decode(os.path.join(devset, r["file"]))
        power = stft_power(y, 2048, 512, True, "constant")
        lm = power_to_db(fb @ power)
        logmel_stats.append(np.concatenate([lm.mean(1), lm.std(1)]))
        lm64 = power_to_db(mel_filterbank(SR, 2048, 64) @ power)
        mf = mfcc(lm64, 20)
        d1 = delta(mf, 1)
        con = spectral_contrast(np.sqrt(power), SR, 2048)
        ref.append(np.concatenate([mf.mean(1), mf.std(1), d1.mean(1), d1.std(1), con.mean(1), con.std(1)]))
    logmel_stats, ref = np.array(logmel_stats), np.array(ref)
    for s in seeds:
        p = PCA(16, random_state=s).fit_transform(StandardScaler().fit_transform(logmel_stats))
        lab = KMeans(k, n_init=10, random_state=s).fit_predict(p)
        out["sklearn log-mel mean+std → PCA16 + KMeans"]["ari_genre"].append(adjusted_rand_score(genre, lab))
        out["sklearn log-mel mean+std → PCA16 + KMeans"]["nmi_genre"].append(normalized_mutual_info_score(genre, lab))
        lab = KMeans(k, n_init=10, random_state=s).fit_predict(StandardScaler().fit_transform(ref))
        out["numpy MFCC+Δ+contrast reference + KMeans"]["ari_genre"].append(adjusted_rand_score(genre, lab))
        out["numpy MFCC+Δ+contrast reference + KMeans"]["nmi_genre"].append(normalized_mutual_info_score(genre, lab))
    return out


def ours(devset, out_dir, seeds, reuse=False):
    """`run all`, then Medium again with k = the number of genres: Medium clusters with k = the number of languages (its
    question is language), which caps its audio representations' genre ARI, so their genre scores come from the second run."""
    base = ["dotnet", "run", "-c", "Release", "--project", os.path.join(ROOT, "src", "Experiments"), "--", "run"]
    common = ["--data", devset, "--seeds", str(len(seeds)), "--seed", str(seeds[0]), "--fresh"]
    genres = len({r["genre"] for r in csv.DictReader(open(os.path.join(devset, "tracks.csv"), encoding="utf-8"))})
    genre_out = out_dir + "-medium-k-genres"
    start = time.time()
    if not reuse:
        subprocess.run(base + ["all", "--out", out_dir] + common, check=True)
    seconds = time.time() - start
    if not reuse:
        subprocess.run(base + ["medium", "--out", genre_out, "--k", str(genres)] + common, check=True)
    table = defaultdict(lambda: defaultdict(list))
    runs = [(task, out_dir, None) for task in ("easy", "medium", "hard")] + [("medium", genre_out, genres)]
    for task, folder, k in runs:
        for r in csv.DictReader(open(os.path.join(folder, f"results_{task}", "metrics.csv"), encoding="utf-8")):
            if r["representation"].startswith("mix a=") or r["representation"] == "hybrid+genre":
                continue
            wanted = ("ari_genre", "nmi_genre") if k else ("ari_genre", "nmi_genre", "ari_language")
            if task == "medium" and not k:
                wanted = ("ari_language",)  # its genre scores at k = number of languages are not comparable
            key = f"ours {task}: {r['representation']} + {r['algorithm']}"
            for m in wanted:
                if r.get(m):
                    table[key][m].append(float(r[m]))
    return table, seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("devset", nargs="?", default=os.path.join(HERE, "devset"))
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--reuse", action="store_true", help="tabulate the results folders of an earlier run instead of running ours again")
    a = ap.parse_args()
    seeds = list(range(42, 42 + a.seeds))
    ours_table, seconds = ours(a.devset, os.path.join(a.devset, ".out"), seeds, a.reuse)
    peer_table = peers(a.devset, seeds)
    lines = ["# Quality on the real-music development set", "",
             f"`benchmarks/quality/build_devset.sh` set, {len(seeds)} seeds; " + ("results folders of an earlier run. " if a.reuse else f"`run all` took {seconds:.0f} s (shared 2-core machine: timing disturbed). ") +
             "Medium's genre scores come from a second `run medium --k <number of genres>` (Medium clusters with k = the number of languages).", "",
             "| representation + algorithm | genre ARI | genre NMI | language ARI |", "| --- | --- | --- | --- |"]
    for name, m in list(peer_table.items()) + sorted(ours_table.items()):
        lines.append(f"| {name} | {ms(m['ari_genre']) if m.get('ari_genre') else '—'} | {ms(m['nmi_genre']) if m.get('nmi_genre') else '—'} | "
                     f"{ms(m['ari_language']) if m.get('ari_language') else '—'} |")
    path = os.path.join(ROOT, "benchmarks", "results", "quality.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
