#!/usr/bin/env bash
# Docker HEALTHCHECK: GET /health/live on the management port, healthy on 200. Plain bash (/dev/tcp), so the
# runtime image needs no curl or wget. The port is ANALYTICS_MANAGEMENT_PORT when set, else the default 9464.
set -euo pipefail
port=${ANALYTICS_MANAGEMENT_PORT:-9464}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3
exec 3<&-
[[ $status == "HTTP/1."?" 200 "* ]] || { echo "liveness: ${status:-no answer}" >&2; exit 1; }
