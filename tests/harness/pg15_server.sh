#!/usr/bin/env bash
# pg15_server.sh — a throwaway PostgreSQL 15 on tmpfs for tests (reusable).
#
#   pg15_server.sh start DIR        initdb + start in DIR (created; put it on
#                                   /dev/shm); prints the server URL on stdout
#   pg15_server.sh stop DIR         stops it and removes DIR
#   pg15_server.sh run CMD [ARG...] starts one in a fresh /dev/shm dir, runs CMD
#                                   with NANO_EXTERNAL_URL and PG15_URL set to
#                                   it, stops it, exits with CMD's status
#
# Trust auth, user postgres, fsync off, C.UTF-8/UTF8, TimeZone UTC (what the
# differential tests compare against). As root, the server runs as the
# `postgres` user. The port is chosen by binding port 0 first (postgres has
# no "port 0"), retrying on the rare collision.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --locale=C.UTF-8 --encoding=UTF8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c TimeZone=UTC" \
        start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    grep -q "could not bind\|Address already in use" "$dir/server.log" || break
  done
  echo "pg15_server.sh: PostgreSQL 15 failed to start; log:" >&2
  tail -20 "$dir/server.log" >&2
  return 1
}

stop() {
  local dir=$1
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case ${1:-} in
  start) start "$2" ;;
  stop) stop "$2" ;;
  run)
    shift
    dir=$(mktemp -d /dev/shm/nano-pg15-XXXXXX)
    trap 'stop "$dir"' EXIT
    url=$(start "$dir")
    export NANO_EXTERNAL_URL=$url PG15_URL=$url
    set +e
    "$@"
    rc=$?
    exit $rc
    ;;
  *) echo "usage: $0 start DIR | stop DIR | run CMD [ARG...]" >&2; exit 2 ;;
esac
