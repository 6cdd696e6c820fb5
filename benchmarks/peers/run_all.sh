#!/usr/bin/env bash
# The whole side-by-side table in one run: GEMM (numpy/OpenBLAS and PyTorch), conv-VAE layers, element-wise ops,
# ConvVae / MLP Vae epochs, K-Means, Ward, DBSCAN, t-SNE, silhouette, PCA and log-mel, each peer at its best settings.
#
#   benchmarks/peers/run_all.sh NAME        writes benchmarks/results/NAME.md (about 6-9 minutes on 2 cores)
#   QUICK=1 benchmarks/peers/run_all.sh NAME   reduced sizes, to check that the run works (not for the README)
#
# Builds src/Experiments (Release) once, then every script uses that build (MC_DLL points at a frozen copy, so a
# rebuild during the run changes nothing). Each section opens with the protocol lines (CPU, our FMA peak, the BLAS
# threadpoolctl reports, load). Run it on a quiet machine: the scripts take the /tmp/bench.lock that other timing
# scripts take, so two timing runs never overlap. Needs Debian's python3-torch, python3-sklearn, python3-scipy,
# python3-fastcluster, python3-threadpoolctl and OpenBLAS (libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: benchmarks/peers/run_all.sh NAME  (writes benchmarks/results/NAME.md)}
case "$name" in */*|.*|"") echo "run_all.sh: NAME must be a plain file name, got '$name'" >&2; exit 2 ;; esac
py=/usr/bin/python3
out=benchmarks/results/$name.md
work=$(mktemp -d /tmp/mc-run-all.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build src/Experiments -c Release --nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
cp -r src/Experiments/bin/Release/net10.0 "$work/bin"
export MC_DLL=$work/bin/musiccluster.dll
started=$(date -u +%s)
quick=(); models=()
if [ -n "${QUICK:-}" ]; then quick=(--quick); models=(--epochs 1 --samples 256); fi

section() {  # section TITLE COMMAND...: runs COMMAND under the timing lock, its time noted
  local title=$1; shift
  local t0=$(date +%s)
  echo "== $title" >&2
  flock /tmp/bench.lock "$@"
  echo "$title: $(( $(date +%s) - t0 )) s" >>"$work/times"
}

section "GEMM vs numpy" $py benchmarks/peers/numpy_gemm.py --write "$work/gemm.md" >/dev/null
section "kernels vs PyTorch" $py benchmarks/peers/torch_kernels.py --no-build "${quick[@]}" --write "$work/kernels.md" >/dev/null
section "model epochs vs PyTorch" $py benchmarks/peers/models_peer.py "${models[@]}" >"$work/models.txt"
section "clustering vs sklearn/scipy/fastcluster" $py benchmarks/peers/clustering_peers.py "${quick[@]}" --out "$work/clustering.md" >/dev/null
section "log-mel vs torch.stft" bash -c "$py benchmarks/peers/logmel_peer.py >'$work/logmel.jsonl' && dotnet '$MC_DLL' bench logmel >>'$work/logmel.jsonl'"

{
  echo "# Side-by-side run \`$name\`"
  echo
  echo "\`benchmarks/peers/run_all.sh $name\`, $(date -u -d @"$started" '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes under src/)'),"
  echo "$(( $(date -u +%s) - started )) s in all. Ratios are peer time ÷ our time (above 1: we are faster) unless a column says otherwise."
  [ -n "${QUICK:-}" ] && echo "**QUICK=1: reduced sizes, a smoke run — not for comparison.**"
  echo "Each section below is one script's output with its own protocol lines (load is taken per section)."
  echo
  sed 's/^# /## /' "$work/gemm.md"; echo
  sed 's/^# /## /' "$work/kernels.md"; echo
  echo "## Model epochs: MusicCluster vs PyTorch (\`models_peer.py\`)"; echo
  echo '```'; cat "$work/models.txt"; echo '```'; echo
  sed 's/^# /## /' "$work/clustering.md"; echo
  echo "## Log-mel: MusicCluster vs torch.stft + mel matmul (\`logmel_peer.py\`, \`bench logmel\`)"; echo
  $py - "$work/logmel.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip().startswith("{")]
peer, ours = rows[0], rows[-1]
print("| side | median ms | min ms | × real time |")
print("|---|---:|---:|---:|")
for label, r in ((peer.get("impl", "torch"), peer), ("ours", ours)):
    print(f"| {label} | {r['median_ms']} | {r.get('min_ms', '')} | {r.get('realtime_factor', '')} |")
print()
print(f"Ratio (torch median / ours): {peer['median_ms'] / ours['median_ms']:.2f}. Peer CPU: {peer.get('cpu', '?')}; BLAS: {peer.get('blas', '?')}.")
EOF
  echo
  echo "Section times:"; echo; sed 's/^/- /' "$work/times"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2
