#!/usr/bin/env bash
# Builds the real-music development set in benchmarks/quality/devset/ (ignored by git) from Debian packages:
# `apt-get download` only (nothing is installed), the .debs checked against debs.sha256, then unpacked with dpkg-deb -x.
#   audio:   12 excerpts from each of five game-music packages (one genre label per package, formats as shipped)
#   English: verse from the `fortunes` package (songs-poems, literature)
#   Bangla:  the `bn` catalogues of iso-codes (translated names, read from the .mo files)
# Every choice is a sorted list or a fixed-seed draw, so the same packages give the same tracks.csv.
# Usage: benchmarks/quality/build_devset.sh [OUT_DIR]     (needs apt-get, dpkg-deb, python3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/devset}"
work="$out/.debs"
mkdir -p "$work/x"
packages=(xmoto-data extremetuxracer-data lincity-ng-data singularity-music planetblupi-music-ogg fortunes iso-codes)
(cd "$work" && for p in "${packages[@]}"; do ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p"; done)
if [ -f "$here/debs.sha256" ]; then (cd "$work" && sha256sum --quiet -c "$here/debs.sha256"); else (cd "$work" && sha256sum ./*.deb | sed 's#\./##' > "$here/debs.sha256"); fi
for d in "$work"/*.deb; do dpkg-deb -x "$d" "$work/x/$(basename "$d" .deb)"; done
python3 "$here/devset_manifest.py" "$work/x" "$out"
echo "devset: $(($(wc -l < "$out/tracks.csv") - 1)) tracks in $out"
