#!/usr/bin/env bash
# The ingestion benchmark (not a test): events/s of the raw engine baseline, `ingest FILE` and the HTTP
# endpoint, measured in one run on fresh data directories. Usage: bench/ingest/run.sh [EVENTS] (default 1,000,000)
# Results go to stdout; record them in docs/benchmarks.md with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f bootstrap/target/analytics.jar ]] || mvn -q -B -DskipTests package
exec bin/analytics bench-ingest --events "${1:-1000000}" --work-dir bench/results/ingest
