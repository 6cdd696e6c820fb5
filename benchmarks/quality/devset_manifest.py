"""Writes tracks.csv (+ links to the audio) of the development set from the unpacked packages; see build_devset.sh."""
import csv
import gettext
import os
import random
import re
import subprocess
import sys

AUDIO = (".ogg", ".mp3", ".wav", ".flac", ".it", ".mod", ".s3m", ".xm")
GENRES = {"xmoto-data": "xmoto", "extremetuxracer-data": "tuxracer", "lincity-ng-data": "lincity",
          "singularity-music": "singularity", "planetblupi-music-ogg": "planetblupi"}
PER_GENRE = 12
EXCERPT = 30  # seconds; a package ships few long pieces, so a genre's excerpts are 30-s windows drawn from all of them


def duration(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path], capture_output=True, text=True).stdout
    return float(out.strip() or 0)


def cut(src, offset, dst):
    """Stream copy (no re-encoding): the excerpt keeps the package's format."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", str(offset), "-t", str(EXCERPT), "-i", src, "-c", "copy", "-map_metadata", "-1", dst], check=True)


def package_dir(root, name):
    return next(os.path.join(root, d) for d in sorted(os.listdir(root)) if d.startswith(name + "_"))


def audio_files(top):
    found = []
    for d, _, files in os.walk(top):
        for f in files:
            p = os.path.join(d, f)
            if f.lower().endswith((".ogg", ".mp3", ".wav", ".flac")) and os.path.getsize(p) > 200_000:
                found.append(p)
    return sorted(found)


def english_texts(root):
    base = os.path.join(package_dir(root, "fortunes"), "usr", "share", "games", "fortunes")
    texts = []
    for name in ("songs-poems", "literature", "love", "wisdom"):
        if not os.path.exists(os.path.join(base, name)):
            continue
        with open(os.path.join(base, name), encoding="utf-8", errors="replace") as f:
            for entry in f.read().split("\n%\n"):
                entry = re.sub(r"\s+", " ", entry).strip()
                if 120 <= len(entry) <= 900:
                    texts.append(entry)
    return texts


def bangla_texts(root, count, rng):
    base = os.path.join(package_dir(root, "iso-codes"), "usr", "share", "locale", "bn", "LC_MESSAGES")
    strings = []
    for mo in sorted(os.listdir(base)):
        with open(os.path.join(base, mo), "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
        strings += sorted(v for k, v in cat.items() if k and isinstance(v, str) and any("\u0980" <= c <= "\u09ff" for c in v))
    rng.shuffle(strings)
    return ["। ".join(strings[i * 20:(i + 1) * 20]) for i in range(count)]


def main(root, out):
    rng = random.Random(12)
    rows = []
    for pkg, genre in GENRES.items():
        windows = [(f, o) for f in audio_files(package_dir(root, pkg)) for o in range(0, int(duration(f)) - EXCERPT + 1, EXCERPT)]
        if len(windows) < PER_GENRE:
            sys.exit(f"{pkg}: only {len(windows)} excerpts of {EXCERPT} s")
        rows += [(genre, w) for w in sorted(rng.sample(windows, PER_GENRE))]
    english = english_texts(root)
    rng.shuffle(english)
    bangla = bangla_texts(root, len(rows) // 2 + 1, rng)
    os.makedirs(os.path.join(out, "audio"), exist_ok=True)
    with open(os.path.join(out, "tracks.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["track_id", "file", "language", "genre", "lyrics"])
        e = b = 0
        for i, (genre, (path, offset)) in enumerate(rows):
            name = f"{i:03d}_{genre}{os.path.splitext(path)[1].lower()}"
            cut(path, offset, os.path.join(out, "audio", name))
            # Alternate languages within each genre: balanced, and independent of the genre.
            if i % 2 == 0:
                lang, text = "en", english[e]; e += 1
            else:
                lang, text = "bn", bangla[b]; b += 1
            w.writerow([f"t{i:03d}", f"audio/{name}", lang, genre, text])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
