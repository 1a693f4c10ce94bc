#!/usr/bin/env bash
# start.sh — starts an in-memory heliosdb-nano for the rest of the job.
#
# `start --daemon` returns only after the server has written its ready file
# (the ready JSON is written before the daemon reports back), so there is no
# polling and no sleep: when this script reads the file, the server accepts
# connections. The file also carries the ports actually bound (port 0).
#
# Env: NANO_BINARY, INPUT_START, INPUT_PORT, INPUT_AUTH (already resolved by
#      validate.sh), INPUT_USER, INPUT_PASSWORD, INPUT_MYSQL, INPUT_HTTP,
#      INPUT_SEED, INPUT_STARTUP_TIMEOUT, RUNNER_TEMP.
# Exports (GITHUB_ENV): DATABASE_URL, PGHOST, PGPORT, PGUSER, PGDATABASE,
#      PGPASSWORD (with a password), NANO_BIN, HELIOSDB_NANO_PID_FILE,
#      HELIOSDB_NANO_LOG_FILE, HELIOSDB_NANO_HTTP_URL (with http).
# Outputs: database-url, pid, port, http-port, log-file, pid-file, binary.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

die() {
  echo "::error title=setup-heliosdb-nano::$*"
  exit 1
}

: "${NANO_BINARY:?NANO_BINARY is required (input binary, or the build step output)}"
[ -x "$NANO_BINARY" ] || die "heliosdb-nano binary '$NANO_BINARY' is missing or not executable"
binary=$(cd "$(dirname "$NANO_BINARY")" && pwd)/$(basename "$NANO_BINARY")

# The binary for later steps: the pytest plugin and NanoMemoryFixture read
# NANO_BIN; scripts can just call heliosdb-nano.
gh_env NANO_BIN "$binary"
gh_env HELIOSDB_NANO_BIN "$binary"
gh_path "$(dirname "$binary")"
gh_output binary "$binary"
if [ "${INPUT_START:-true}" = false ]; then
  echo "setup-heliosdb-nano: binary ready at $binary (start: false, no server)"
  exit 0
fi

port=${INPUT_PORT:-5432}
auth=${INPUT_AUTH:-trust}
user=${INPUT_USER:-postgres}
password=${INPUT_PASSWORD:-}
timeout_s=${INPUT_STARTUP_TIMEOUT:-30}

dir=$(mktemp -d "${RUNNER_TEMP:-/tmp}/heliosdb-nano.XXXXXX")
ready="$dir/ready.json"
pid_file="$dir/heliosdb-nano.pid"
log="$dir/server.log"

args=(start --memory --daemon --listen 127.0.0.1 --port "$port"
      --user "$user" --auth "$auth"
      --ready-file "$ready" --pid-file "$pid_file" --log-file "$log")
if [ -n "$password" ]; then
  # A file, not --password: argv is visible to every process on the runner.
  (umask 077 && printf '%s\n' "$password" >"$dir/password")
  args+=(--password-file "$dir/password")
fi
[ "${INPUT_MYSQL:-false}" = true ] && args+=(--mysql)
case "${INPUT_HTTP:-true}" in
  false) args+=(--no-http) ;;
  true) args+=(--http-port 0) ;;
  *) args+=(--http-port "$INPUT_HTTP") ;;
esac

echo "setup-heliosdb-nano: $binary ${args[*]}"
rc=0
timeout "$timeout_s" "$binary" "${args[@]}" >"$dir/start.out" 2>"$dir/start.err" || rc=$?
if [ "$rc" -ne 0 ]; then
  if [ "$rc" -eq 124 ]; then
    reason="not ready within ${timeout_s}s (input startup-timeout)"
    [ -s "$pid_file" ] && kill -TERM "$(cat "$pid_file")" 2>/dev/null
  else
    reason="exit code $rc: $(tr '\n' ' ' <"$dir/start.err")"
  fi
  log_tail "$log"
  die "heliosdb-nano start failed, $reason"
fi
[ -s "$ready" ] || die "heliosdb-nano reported ready but wrote no ready file ($ready)"

# The ready JSON: {"pid": N, "pg": {"port": N, ...}, "http": {...} | null, ...}
read -r pid pg_port http_port < <(python3 - "$ready" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["pid"], r["pg"]["port"], (r.get("http") or {}).get("port", ""))
PY
)
[ "$(cat "$pid_file")" = "$pid" ] || die "pid file $pid_file does not match the ready file's pid $pid"

# URL-encode the user and password: a password may contain @, : or /.
url=$(python3 - "$user" "$password" "$pg_port" <<'PY'
import sys
from urllib.parse import quote
user, password, port = sys.argv[1:]
cred = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
print(f"postgresql://{cred}@127.0.0.1:{port}/postgres")
PY
)

if [ -n "${INPUT_SEED:-}" ]; then
  echo "setup-heliosdb-nano: seeding from $INPUT_SEED"
  if ! PGPASSWORD="$password" psql -X -q -v ON_ERROR_STOP=1 \
      -h 127.0.0.1 -p "$pg_port" -U "$user" -d postgres -f "$INPUT_SEED"; then
    "$binary" stop --pid-file "$pid_file" >/dev/null 2>&1 || true
    die "seed file '$INPUT_SEED' failed (psql error above); the server was stopped"
  fi
fi

gh_env DATABASE_URL "$url"
gh_env PGHOST 127.0.0.1
gh_env PGPORT "$pg_port"
gh_env PGUSER "$user"
gh_env PGDATABASE postgres
[ -z "$password" ] || gh_env PGPASSWORD "$password"
gh_env HELIOSDB_NANO_PID_FILE "$pid_file"
gh_env HELIOSDB_NANO_LOG_FILE "$log"
[ -z "$http_port" ] || gh_env HELIOSDB_NANO_HTTP_URL "http://127.0.0.1:$http_port"

gh_output database-url "$url"
gh_output pid "$pid"
gh_output port "$pg_port"
gh_output http-port "$http_port"
gh_output log-file "$log"
gh_output pid-file "$pid_file"
echo "setup-heliosdb-nano: ready, pid $pid, postgresql://$user@127.0.0.1:$pg_port/postgres${http_port:+, HTTP on port $http_port}"
