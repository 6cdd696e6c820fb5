#!/usr/bin/env bash
# 3 loopback nodes against one process: `store extract` of the same corpus, timed from the client's command line.
# Usage: benchmarks/cluster/run.sh [TRACKS] [SECONDS]   (builds musiccluster in Release first)
# Prints local and cluster wall times, their ratio, and the per-shard cost of the engine (a second cluster run, where
# every track is already stored, so a shard is only the call, the file hashes and the store lookups).
set -euo pipefail
tracks=${1:-300}; seconds=${2:-2}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/src/Experiments" -c Release -v q --nologo >/dev/null
mc="$repo/src/Experiments/bin/Release/net10.0/musiccluster"
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
"$mc" corpus --out "$work/data" --tracks "$tracks" --seconds "$seconds" >/dev/null
now() { date +%s.%N; }
t0=$(now); "$mc" store extract --data "$work/data" --store "$work/local" >"$work/local.out" 2>&1; t1=$(now)
base=$(( 20000 + RANDOM % 20000 ))
for i in 0 1 2; do
  port=$(( base + 2 * i )); primary=(); [ "$i" -gt 0 ] && primary=(--primary "127.0.0.1:$base")
  "$mc" node --port "$port" "${primary[@]}" >"$work/node$i.out" 2>"$work/node$i.err" & pids+=($!)
  for _ in $(seq 600); do grep -q ' ready ' "$work/node$i.out" 2>/dev/null && break; sleep 0.1; done
done
t2=$(now); "$mc" store extract --data "$work/data" --store "$work/cluster" --cluster "127.0.0.1:$base" >"$work/cluster.out" 2>"$work/cluster.err"; t3=$(now)
"$mc" store extract --data "$work/data" --store "$work/cluster" --cluster "127.0.0.1:$base" >"$work/rerun.out" 2>&1; t4=$(now)
# The job's own time, from the command's summary line ("… in 12.3 s …"): no process start or connection.
job() { grep -o ' in [0-9.]* s' "$1" | tail -1 | grep -o '[0-9.]*'; }
"$mc" store list --store "$work/local" | head -1 >"$work/a"; "$mc" store list --store "$work/cluster" | head -1 >"$work/b"
shards=$(( (tracks + 15) / 16 ))
awk -v l="$(echo "$t1 - $t0" | bc)" -v c="$(echo "$t3 - $t2" | bc)" -v r="$(echo "$t4 - $t3" | bc)" -v s="$shards" -v n="$tracks" \
    -v lj="$(job "$work/local.out")" -v cj="$(job "$work/cluster.out")" -v rj="$(job "$work/rerun.out")" 'BEGIN {
  printf "tracks %d (%d shards of 16)\n", n, s
  printf "local    %.1f s command, %.1f s extraction\n", l, lj
  printf "cluster  %.1f s command, %.1f s extraction (3 loopback nodes): %.2fx the local speed (command), %.2fx (extraction)\n", c, cj, l / c, lj / cj
  printf "re-run with every track stored: %.1f s command, %.2f s extraction = %.1f ms per shard (6 in flight)\n", r, rj, 1000 * rj / s }'
grep -h "tracks ·" "$work/cluster.err" | tail -1
cmp -s <(awk '{print $1,$2}' "$work/a") <(awk '{print $1,$2}' "$work/b") && echo "stores agree in tracks" || echo "STORES DIFFER"
