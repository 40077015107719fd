#!/usr/bin/env bash
# The API load test (not a test): wrk, a second process on loopback, against `bin/analytics serve` on the embedded
# profile with the demo platform ingested (20,000 users, 30 days). Each case runs DURATION seconds with CONNECTIONS
# connections on one wrk thread (the machine has 2 cores; the service gets the other), after a warm-up:
#   - GET /health: the HTTP stack's own ceiling, the baseline of this run;
#   - a KPI query (DAU by day over 30 days) answered from the metric cache;
#   - the same KPI query with the cache off (the service restarted with metrics.cache_seconds=0);
#   - POST /events: 100 new events per request (unique ids), CloudEvents batch.
#   - the same POST with more connections than the pipeline takes at once: the 503s it answers instead are counted.
# Usage: bench/api/run.sh [DURATION_SECONDS] [CONNECTIONS]   (default 20 s, 16). Needs root for `apt-get install wrk`.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-16}
dir=bench/results/api
data="$dir/data-20k-30d"
[[ -f bootstrap/target/analytics.jar ]] || mvn -q -B -DskipTests package
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p "$dir"
if [[ ! -d "$data/warehouse" ]]; then
  bin/analytics generate --users 20000 --days 30 --out "$dir/events-20k-30d.ndjson.gz"
  bin/analytics ingest "$dir/events-20k-30d.ndjson.gz" --data-dir "$data"
fi
# the demo's last day: the KPI asks for the 30 days before it
last=$(zcat "$dir/events-20k-30d.ndjson.gz" | tail -1 | sed -n 's/.*"time":"\([0-9-]*\)T.*/\1/p')
first=$(date -u -d "$last -29 days" +%F)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
start() { # port, extra env...
  local port=$1; shift
  env ANALYTICS_MANAGEMENT_PORT=0 ANALYTICS_GRPC_ENABLED=false "$@" bin/analytics serve --data-dir "$data" --port "$port" \
    > "$dir/serve-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 1; done
  echo "the service on $port did not start; see $dir/serve-$port.log" >&2; exit 1
}
# one case: name, connections, URL, [lua script]; prints "name|connections|2xx requests/s|p50 ms|p99 ms|non-2xx"
run() {
  local name=$1 conns=$2 url=$3 script=${4:-}
  local args=(-t1 -c"$conns" --latency)
  [[ -n $script ]] && args+=(-s "$script")
  wrk "${args[@]}" -d5s "$url" >/dev/null   # warm-up, not counted
  local out; out=$(wrk "${args[@]}" -d"${duration}s" "$url")
  local total seconds p50 p99 errors
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  seconds=$(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  # only answered requests count: a 503 SERVICE_BUSY (the ingest limit of 8 in progress) is not throughput
  echo "$name|$conns|$(awk -v t="$total" -v e="${errors:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", (t - e) / s }')|$(ms "$p50")|$(ms "$p99")|${errors:-0}"
}
ms() { # wrk's 1.23ms / 456.00us / 1.20s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

stop() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }
kpi="/api/v1/analytics/metrics/values/dau?from=$first&to=$last&granularity=day"
cat > "$dir/ingest.lua" <<'LUA'
-- 100 new session events per request: unique ids and sessions, 50,000 users, as a CloudEvents batch
local counter = 0
local run = math.random(1, 0x7fffffff)
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 100 do
    local n = counter * 100 + i
    parts[i] = string.format('{"specversion":"1.0","id":"%08x-%012x","source":"/library-service","type":"com.platform.library.session.ended.v1","time":"2026-03-01T10:00:00Z","datacontenttype":"application/json","data":{"userId":"%08x-0000-4000-8000-000000000000","gameId":"a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10","developerId":"d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6","sessionId":"%08x-0000-4000-8000-%012x","durationSeconds":600}}',
      run, n, n % 50000, run, n)
  end
  return wrk.format("POST", "/api/v1/analytics/events", {["Content-Type"] = "application/cloudevents-batch+json"},
    "[" .. table.concat(parts, ",") .. "]")
end
LUA
echo "API load test: $connections connections, ${duration} s per case, wrk on loopback ($(date -u +%F))"
echo "case|connections|2xx requests/s|p50 ms|p99 ms|non-2xx"
start 18080
run "GET /health (HTTP ceiling, baseline)" "$connections" "http://127.0.0.1:18080/api/v1/analytics/health"
run "KPI: DAU by day over 30 days, cached" "$connections" "http://127.0.0.1:18080$kpi"
stop
start 18080 ANALYTICS_METRICS_CACHE_SECONDS=0
run "KPI: the same, cache off" "$connections" "http://127.0.0.1:18080$kpi"
# ingestion takes at most 8 requests at once (then 503 SERVICE_BUSY with Retry-After): 4 connections stay below it
run "POST /events, 100 new events per request" 4 "http://127.0.0.1:18080" "$dir/ingest.lua"
run "POST /events, 100 new events per request, overload" "$connections" "http://127.0.0.1:18080" "$dir/ingest.lua"
