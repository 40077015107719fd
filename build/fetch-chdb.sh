#!/usr/bin/env bash
# Fetches libchdb.so (ClickHouse built as a shared library) from the npm registry into a cache outside
# target/, so `mvn clean` does not fetch it again. Usage: fetch-chdb.sh VERSION CACHE_DIR
# Set CHDB_LIBRARY to use another copy; then nothing is fetched.
set -euo pipefail
version=$1; cache=$2
if [[ -n "${CHDB_LIBRARY:-}" && -f "${CHDB_LIBRARY}" && "${CHDB_LIBRARY}" != "$cache/libchdb.so" ]]; then
  exit 0
fi
[[ -f "$cache/libchdb.so" ]] && exit 0
command -v npm >/dev/null || { echo "fetch-chdb: npm is needed to fetch @chdb/lib-linux-x64-gnu@$version (or set CHDB_LIBRARY)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "fetch-chdb: npm pack @chdb/lib-linux-x64-gnu@$version -> $cache" >&2
(cd "$tmp" && npm pack --silent "@chdb/lib-linux-x64-gnu@$version" >/dev/null && tar xzf ./*.tgz package/libchdb.so)
mkdir -p "$cache"
mv "$tmp/package/libchdb.so" "$cache/libchdb.so.part" && mv "$cache/libchdb.so.part" "$cache/libchdb.so"
