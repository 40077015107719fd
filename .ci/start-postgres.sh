#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (Debian's cluster 15/main) on 127.0.0.1 for the tests of the metadata store's
# server mode, with a role allowed to create databases (each test class makes its own and drops it). Idempotent:
# installs the server if missing, starts the cluster if down, (re)sets the role's password.
# Prints two lines: the JDBC URL of the role's own database, and the file holding the role's password.
# Needs root (apt-get, and su to the postgres user) or a user who can run those.
set -euo pipefail
state=${ANALYTICS_TEST_STATE_DIR:-$HOME/.cache/analytics-service/test-servers}
mkdir -p "$state"
log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ ! -x /usr/lib/postgresql/15/bin/postgres ]]; then
  log "installing postgresql-15 (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main"' | grep -q .; then
  log "creating cluster 15/main"
  pg_createcluster 15 main >&2
fi
if [[ $(pg_lsclusters -h | awk '$1 == "15" && $2 == "main" {print $4}') != online* ]]; then
  log "starting cluster 15/main on 127.0.0.1"
  pg_ctlcluster 15 main start -o "-c listen_addresses=127.0.0.1" >&2
fi
port=$(pg_lsclusters -h | awk '$1 == "15" && $2 == "main" {print $3}')

password_file="$state/postgres-analytics-test.password"
if [[ ! -s $password_file ]]; then
  (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$password_file")
fi
password=$(cat "$password_file")
as_postgres() { (cd / && su postgres -s /bin/sh -c "$1"); }
as_postgres "psql -q -v ON_ERROR_STOP=1 -p $port" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_test') THEN
    CREATE ROLE analytics_test LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE analytics_test LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
if ! as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'analytics_test'\"" | grep -q 1; then
  as_postgres "createdb -p $port -O analytics_test analytics_test" >&2
fi
echo "jdbc:postgresql://127.0.0.1:$port/analytics_test"
echo "$password_file"
