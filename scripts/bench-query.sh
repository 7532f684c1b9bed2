#!/usr/bin/env bash
# Query benchmark: build (once, cached) a lake of EVENTS generated events over
# 50 accounts x 17 regions x 30 days, run every case of the query suite
# (query/testdata/suite) on DuckDB and on trailhouse, and print per-query
# times, the trailhouse/DuckDB ratio and its median. Usage:
#   scripts/bench-query.sh [EVENTS] [WORKDIR]
# The lake is kept in WORKDIR (default .cache/bench-query) and rebuilt only when
# EVENTS, the generator's source or the suite's edge events change. RUNS
# (default 3) sets how many times each query runs; the best time counts.
# TRAILHOUSE_BENCH_CASES (a regular expression) runs only the matching cases.
# TRAILHOUSE_BENCH_SHAPE=AxRxD (default 50x17x30) changes accounts, regions, days.
# Needs cgo and a C compiler (DuckDB); the first build of duckdb-go is slow.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-5000000}
work=${2:-.cache/bench-query}
mkdir -p "$work"
work=$(cd "$work" && pwd)
TRAILHOUSE_BENCH_QUERY=1 TRAILHOUSE_BENCH_EVENTS="$events" TRAILHOUSE_BENCH_DIR="$work" \
TRAILHOUSE_BENCH_RUNS="${RUNS:-3}" CGO_ENABLED=1 \
  go test -tags duckdb -count=1 -run '^TestBenchQuery$' -timeout 0 -v ./query/ |
  grep -v -e '^=== RUN' -e '^--- ' -e '^PASS$' -e '^ok '
