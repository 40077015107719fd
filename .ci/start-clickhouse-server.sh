#!/usr/bin/env bash
# Starts (or stops) a ClickHouse server for the HTTP transport's tests: Debian's clickhouse-server package
# (18.16, the only one installable from the machine's registries), on 127.0.0.1 only, with every path
# (data, tmp, logs, user_files, format schemas) under one directory.
#
#   start-clickhouse-server.sh start DIR [HTTP_PORT [TCP_PORT]]   installs the package if missing, starts the
#                                 server unless one is already up for DIR, waits for /ping, prints its URL
#   start-clickhouse-server.sh stop DIR                           stops the server of DIR (waits until it is gone)
#
# Ports default to 18123 (HTTP) and 19000 (native); the inter-server port is the native port + 9.
# The server runs as the calling user (root is accepted by this version). Idempotent: a second start for the
# same DIR prints the URL of the running server; stop on a DIR without a server does nothing.
set -euo pipefail

usage() { echo "usage: $0 start DIR [HTTP_PORT [TCP_PORT]] | stop DIR" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
action=$1
dir=$2
http_port=${3:-18123}
tcp_port=${4:-19000}
interserver_port=$((tcp_port + 9))

pid_file="$dir/clickhouse-server.pid"

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid=$(cat "$pid_file" 2>/dev/null || true)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ping_ok() { [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$1/ping" 2>/dev/null)" == "Ok." ]]; }

case "$action" in
  stop)
    if pid=$(running_pid); then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
      echo "clickhouse-server $pid stopped"
    fi
    rm -f "$pid_file"
    exit 0
    ;;
  start) ;;
  *) usage ;;
esac

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pid_file="$dir/clickhouse-server.pid"

if pid=$(running_pid); then
  port=$(cat "$dir/http_port")
  if ping_ok "$port"; then
    echo "http://127.0.0.1:$port"
    exit 0
  fi
fi

if ! command -v clickhouse-server >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || { echo "$0: clickhouse-server is missing and apt-get is not available" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends clickhouse-server >/dev/null
fi
command -v curl >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq curl >/dev/null; }

# the package's own config, moved to loopback, the given ports and this directory
mkdir -p "$dir/etc" "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
sed -e "s#<log>.*</log>#<log>$dir/log/clickhouse-server.log</log>#" \
    -e "s#<errorlog>.*</errorlog>#<errorlog>$dir/log/clickhouse-server.err.log</errorlog>#" \
    -e "s#<http_port>.*</http_port>#<http_port>$http_port</http_port>#" \
    -e "s#<tcp_port>.*</tcp_port>#<tcp_port>$tcp_port</tcp_port>\n    <listen_host>127.0.0.1</listen_host>#" \
    -e "s#<interserver_http_port>.*</interserver_http_port>#<interserver_http_port>$interserver_port</interserver_http_port>#" \
    -e "s#<path>/var/lib/clickhouse/</path>#<path>$dir/data/</path>#" \
    -e "s#<tmp_path>.*</tmp_path>#<tmp_path>$dir/tmp/</tmp_path>#" \
    -e "s#<user_files_path>.*</user_files_path>#<user_files_path>$dir/user_files/</user_files_path>#" \
    -e "s#<format_schema_path>.*</format_schema_path>#<format_schema_path>$dir/format_schemas/</format_schema_path>#" \
    /etc/clickhouse-server/config.xml > "$dir/etc/config.xml"
cp /etc/clickhouse-server/users.xml "$dir/etc/users.xml"
if grep -q '/var/lib/clickhouse\|/var/log/clickhouse' "$dir/etc/config.xml"; then
  echo "$0: the package's config.xml has a path this script does not move:" >&2
  grep -n '/var/lib/clickhouse\|/var/log/clickhouse' "$dir/etc/config.xml" >&2
  exit 1
fi
echo "$http_port" > "$dir/http_port"

# the server outlives this script; its output goes to files so a caller reading ours is not held open
nohup clickhouse-server --config-file="$dir/etc/config.xml" > "$dir/log/stdout.log" 2>&1 < /dev/null &
launched=$!
echo "$launched" > "$pid_file"

for _ in $(seq 1 300); do
  if ping_ok "$http_port"; then
    echo "http://127.0.0.1:$http_port"
    exit 0
  fi
  if ! kill -0 "$launched" 2>/dev/null; then
    echo "$0: clickhouse-server exited during start-up; last lines of its logs:" >&2
    tail -n 20 "$dir/log/stdout.log" "$dir/log/clickhouse-server.err.log" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
echo "$0: clickhouse-server did not answer http://127.0.0.1:$http_port/ping within 30 s; see $dir/log" >&2
kill "$launched" 2>/dev/null || true
exit 1
