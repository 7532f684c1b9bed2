#!/usr/bin/env bash
# Whole-pipeline benchmark: generate EVENTS synthetic events (the generator's
# default mix of services, identities and errors) over 50 accounts x 17
# regions x 30 days, convert them with the product binary, and print the
# figures the convert issue sets targets for (events/s, peak RSS, lake size
# relative to the input). Usage: scripts/bench-pipeline.sh [EVENTS] [WORKDIR]
#
# TRAILHOUSE_BENCH_SHAPE=AxRxD (default 50x17x30) changes accounts, regions
# and days: 3x3x3 is the generator's default layout, with partitions of
# tens of thousands of events instead of about 200. The generated input is
# kept in WORKDIR (default .cache/bench, or .cache/bench-AxRxD for another
# shape) and reused while EVENTS, the shape and the generator's source are
# unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-5000000}
shape=${TRAILHOUSE_BENCH_SHAPE:-50x17x30}
IFS=x read -r accounts regions days <<<"$shape"
if ! [[ "$accounts" =~ ^[0-9]+$ && "$regions" =~ ^[0-9]+$ && "$days" =~ ^[0-9]+$ ]]; then
  echo "TRAILHOUSE_BENCH_SHAPE must be AxRxD (accounts x regions x days), not \"$shape\"" >&2
  exit 2
fi
default_work=.cache/bench
[ "$shape" = 50x17x30 ] || default_work=.cache/bench-$shape
work=${2:-$default_work}
bin=bin/trailhouse
[ -x "$bin" ] || { echo "build first: make build" >&2; exit 2; }

stamp="$events-$shape-$(cat internal/synth/*.go | sha256sum | cut -c1-12)"
logs="$work/logs"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work"; mkdir -p "$work"
  echo "generating $events events ($accounts accounts x $regions regions x $days days) into $logs ..."
  "$bin" generate --out "$logs" --accounts "$accounts" --regions "$regions" --days "$days" --events "$events" --seed 7
  echo "$stamp" > "$work/stamp"
fi

lake="$work/lake"
rm -rf "$lake"
in_bytes=$(find "$logs" -type f -name '*.json.gz' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "converting (GOMAXPROCS=$(nproc), --max-memory default) ..."
start=$(date +%s.%N)
set +e
/usr/bin/env time -v "$bin" convert --from "$logs" --to "$lake" --progress none --report json \
  >"$work/report.json" 2>"$work/time.txt"
rc=$?
set -e
end=$(date +%s.%N)
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then cat "$work/time.txt" >&2; exit "$rc"; fi
# Both tables; insights/ exists only when the input had Insight objects.
out_bytes=$(find "$lake" -path "$lake/_trailhouse" -prune -o -type f -name '*.parquet' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")
cpu=$(awk -F: '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$work/time.txt")

python3 - "$work/report.json" "$start" "$end" "$in_bytes" "$out_bytes" "$rss_kb" "$cpu" "$shape" <<'PY' 2>/dev/null || \
  awk -v s="$start" -v e="$end" -v i="$in_bytes" -v o="$out_bytes" -v r="$rss_kb" 'BEGIN {
    printf "wall %.1fs, input %.1f MiB, lake %.1f MiB (%.2fx), peak RSS %.0f MiB\n", e-s, i/1048576, o/1048576, o/i, r/1024 }'
import json, sys
rep = json.load(open(sys.argv[1]))
start, end, inb, outb, rss_kb, cpu = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
wall = end - start
ev = rep["events"]
print(f"shape              {sys.argv[8]:>12}   accounts x regions x days")
print(f"objects            {rep['objects']:>12,}")
print(f"events             {ev:>12,}   (duplicates dropped {rep['duplicates']:,}, rows {rep['rows']:,})")
print(f"partitions / files {rep['partitions']:>12,} / {rep['files']:,}   spills {rep['spills']}")
print(f"wall time          {wall:>12.1f} s   (CPU {cpu:.1f} s)")
print(f"throughput         {ev / wall:>12,.0f} events/s   target >= 150,000")
print(f"peak RSS           {rss_kb / 1024:>12.0f} MiB      target <= 512")
print(f"input .json.gz     {inb / 2**20:>12.1f} MiB")
print(f"lake Parquet       {outb / 2**20:>12.1f} MiB  = {outb / inb:.3f} x input   target <= 0.8")
PY
