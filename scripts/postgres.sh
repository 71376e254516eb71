#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, separate from any system cluster.
#
#   eval "$(scripts/postgres.sh)"   start (or reuse) it, recreate the empty itest database,
#                                   and export SOCIALWEAVE_TEST_PG_*
#   scripts/postgres.sh stop        stop it (the data stays for the next start)
#
# Idempotent: installs Debian's postgresql package if no initdb is found, creates the cluster
# once, starts it if it is not running, and makes sure role and database exist. Only the
# export lines go to stdout; progress goes to stderr.
#
# Settings (environment): SW_PG_DIR (default /tmp/socialweave-pg), SW_PG_PORT (55432),
# SW_PG_USER (socialweave), SW_PG_PASSWORD (socialweave), SW_PG_DATABASE (socialweave_test).
# The server only listens on 127.0.0.1 and trusts local connections: never use it for real data.
set -euo pipefail

PG_DIR="${SW_PG_DIR:-/tmp/socialweave-pg}"
PG_PORT="${SW_PG_PORT:-55432}"
PG_USER="${SW_PG_USER:-socialweave}"
PG_PASSWORD="${SW_PG_PASSWORD:-socialweave}"
PG_DATABASE="${SW_PG_DATABASE:-socialweave_test}"
PGDATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# The server refuses to run as root: everything that touches the cluster runs as 'postgres'.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    [ "$(id -un)" = postgres ] || die "run as root (or as the postgres user)"
    "$@"
  fi
}

find_bin() {
  local dir
  # Prefer PostgreSQL 15 (what Debian 12 ships and production targets), else the newest.
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo /usr/lib/postgresql/15/bin
    return 0
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return 0
  fi
  return 1
}

ensure_installed() {
  if PG_BIN=$(find_bin); then
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root"
  log "installing PostgreSQL (Debian package 'postgresql')"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  PG_BIN=$(find_bin) || die "no initdb under /usr/lib/postgresql after installing postgresql"
}

is_running() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

stop_cluster() {
  if ! PG_BIN=$(find_bin); then
    log "PostgreSQL is not installed; nothing to stop"
    return
  fi
  if [ -f "$PGDATA/PG_VERSION" ] && is_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2
  else
    log "not running ($PGDATA)"
  fi
}

init_cluster() {
  if [ -f "$PGDATA/PG_VERSION" ]; then
    return
  fi
  log "creating a cluster in $PGDATA"
  mkdir -p "$PG_DIR"
  rm -rf "$PGDATA"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
  chmod 700 "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C -A trust --no-sync >/dev/null
  # Trust only the local socket and 127.0.0.1; the server listens nowhere else.
  as_postgres tee "$PGDATA/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  # Throwaway data: durability settings off for speed.
  as_postgres tee -a "$PGDATA/postgresql.conf" >/dev/null <<CONF

# scripts/postgres.sh
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
}

start_cluster() {
  if is_running; then
    log "reusing the running cluster in $PGDATA"
  else
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
      die "another server already listens on 127.0.0.1:$PG_PORT; set SW_PG_PORT"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 start >&2 \
      || { tail -n 20 "$PG_LOG" >&2 || true; die "PostgreSQL did not start"; }
  fi
  local i
  for i in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
      return
    fi
    sleep 0.5
  done
  die "PostgreSQL on 127.0.0.1:$PG_PORT is not ready after 30 s (see $PG_LOG)"
}

psql_admin() {
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PG_PORT" -U postgres "$@"
}

ensure_role_and_database() {
  local sql_password=${PG_PASSWORD//\'/\'\'}
  if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != 1 ]; then
    psql_admin -d postgres -c "CREATE ROLE \"$PG_USER\" LOGIN"
  fi
  psql_admin -d postgres -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD '$sql_password'"
  if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
    psql_admin -d postgres -c "CREATE DATABASE \"$PG_DATABASE\" OWNER \"$PG_USER\" ENCODING 'UTF8'"
  fi
  # The integration tests boot the distribution on an empty database, new on every start.
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS \"${PG_DATABASE}_itest\" WITH (FORCE)"
  psql_admin -d postgres -c "CREATE DATABASE \"${PG_DATABASE}_itest\" OWNER \"$PG_USER\" ENCODING 'UTF8'"
}

# Commands run as 'postgres' must not inherit a working directory it cannot read.
cd /

case "${1:-start}" in
  start)
    ensure_installed
    init_cluster
    start_cluster
    ensure_role_and_database
    log "ready: $PG_DATABASE on 127.0.0.1:$PG_PORT as $PG_USER"
    echo "export SOCIALWEAVE_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DATABASE'"
    echo "export SOCIALWEAVE_TEST_PG_ITEST_URL='jdbc:postgresql://127.0.0.1:$PG_PORT/${PG_DATABASE}_itest'"
    echo "export SOCIALWEAVE_TEST_PG_USER='$PG_USER'"
    echo "export SOCIALWEAVE_TEST_PG_PASSWORD='$PG_PASSWORD'"
    ;;
  stop)
    stop_cluster
    ;;
  *)
    die "usage: $0 [start|stop]"
    ;;
esac
