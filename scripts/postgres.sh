#!/usr/bin/env bash
# Throwaway PostgreSQL server for the tuning tests.
#
#   scripts/postgres.sh install                # apt-get installs Debian's `postgresql` unless it is there
#   eval "$(scripts/postgres.sh start)"        # prints `export TFNOTES_PG=...`; also writes it to $TFNOTES_PG_DIR/env
#   scripts/postgres.sh stop                   # stops the server and deletes its data directory
#
# Settings: TFNOTES_PG_DIR (data directory, default ${RUNNER_TEMP:-/tmp}/tfnotes-pg), TFNOTES_PG_PORT (first port
# tried, default 55432), TFNOTES_PG_DB (database, default tfnotes_test). Listens on 127.0.0.1 only, trust auth.
set -euo pipefail

dir="${TFNOTES_PG_DIR:-${RUNNER_TEMP:-/tmp}/tfnotes-pg}"
data="$dir/data"
port="${TFNOTES_PG_PORT:-55432}"
db="${TFNOTES_PG_DB:-tfnotes_test}"

log() { echo "postgres.sh: $*" >&2; }

bindir() {
  local pg_ctl
  pg_ctl="$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$pg_ctl" ] || pg_ctl="$(command -v pg_ctl || true)"
  [ -n "$pg_ctl" ] || { log "pg_ctl not found: apt-get install -y postgresql"; exit 1; }
  dirname "$pg_ctl"
}

# initdb and the server refuse to run as root: run them as the `postgres` user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bin; bin="$(bindir)"
  if [ -f "$dir/env" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "already running"; cat "$dir/env"; return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  while ! port_free "$port"; do port=$((port + 1)); done
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db" >&2
  local connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
  printf "export TFNOTES_PG='%s'\n" "$connection" | tee "$dir/env"
  log "running on 127.0.0.1:$port, data in $data"
}

stop() {
  local bin; bin="$(bindir)"
  if [ -d "$data" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

install() {
  if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then return; fi
  log "installing Debian's postgresql"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  # The package starts a cluster of its own; the tests use their own throwaway server instead.
  $sudo service postgresql stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
