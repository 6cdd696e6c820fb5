#!/usr/bin/env bash
# End-to-end scale benchmark through the feature store.
# usage: benchmarks/scale/run.sh TRACKS [SECONDS] [WORKDIR]
# Writes benchmarks/scale/results-TRACKS.jsonl (one JSON line per stage: corpus, extract, train, encode, kmeans, tsne)
# and results-TRACKS.time.txt (/usr/bin/time -v of the whole pipeline: peak RSS of the process).
set -euo pipefail
n=${1:?usage: run.sh TRACKS [SECONDS] [WORKDIR]}
seconds=${2:-5}
work=${3:-/tmp/musiccluster-scale}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dotnet build "$repo/src/Experiments" -c Release -v q -nologo >/dev/null
mc="dotnet $repo/src/Experiments/bin/Release/net10.0/musiccluster.dll"
corpus="$work/corpus-$n-$seconds"
out="$here/results-$n.jsonl"
if [ ! -f "$corpus/tracks.csv" ]; then
  start=$(date +%s.%N)
  $mc corpus --out "$corpus" --tracks "$n" --seconds "$seconds"
  end=$(date +%s.%N)
  python3 -c "import json; s=$end-$start; print(json.dumps({'stage':'corpus','tracks':$n,'seconds':round(s,2),'tracks_per_s':round($n/s,1)}))" > "$out"
else
  : > "$out"
fi
/usr/bin/time -v -o "$here/results-$n.time.txt" $mc bench scale --data "$corpus" --store "$work/store-$n-$seconds" --out "$out.stages"
cat "$out.stages" >> "$out" && rm "$out.stages"
{ echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"; echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"; } >> "$here/results-$n.time.txt"
grep -E 'Maximum resident|Elapsed' "$here/results-$n.time.txt"
cat "$out"
