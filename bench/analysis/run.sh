#!/usr/bin/env bash
# The analyses benchmark (not a test): each analysis (funnels, retention, paths, experiment, segment refresh)
# through its use case against a hand-written SQL baseline on the engine, in one run on the same data.
# The data: the demo generator's 260,000 users over 60 days (≈ 10M events), generated and ingested through the
# pipeline once into bench/results/analysis/ (≈ 20 minutes on 2 cores), reused afterwards.
# Usage: bench/analysis/run.sh [USERS] [--only TEXT]   (USERS default 260000; --only: the cases whose name contains TEXT)
set -euo pipefail
cd "$(dirname "$0")/../.."
users=260000
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then users=$1; shift; fi
dir=bench/results/analysis
data="$dir/data-${users%000}k-60d"
file="$dir/events-${users%000}k-60d.ndjson.gz"
[[ -f bootstrap/target/analytics.jar ]] || mvn -q -B -DskipTests package
mkdir -p "$dir"
if [[ ! -d "$data/warehouse" ]]; then
  [[ -f "$file" ]] || bin/analytics generate --users "$users" --days 60 --out "$file"
  bin/analytics ingest "$file" --data-dir "$data"
fi
exec bin/analytics bench-analysis --data-dir "$data" "$@"
