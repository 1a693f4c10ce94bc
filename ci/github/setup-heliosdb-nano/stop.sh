#!/usr/bin/env bash
# stop.sh — stops the server setup-heliosdb-nano started (SIGTERM, then waits
# for it to exit, via `heliosdb-nano stop`) and folds its log into the job
# log. Idempotent: a server already gone is a warning, not a failure, so it
# can run under `if: always()` after a failed step.
#
# Env: PID_FILE (default $HELIOSDB_NANO_PID_FILE), HELIOSDB_NANO_BIN,
#      HELIOSDB_NANO_LOG_FILE (both exported by start.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

pid_file=${PID_FILE:-${HELIOSDB_NANO_PID_FILE:-}}
if [ -z "$pid_file" ]; then
  echo "::warning title=setup-heliosdb-nano::nothing to stop: no pid-file input and no HELIOSDB_NANO_PID_FILE (did the start step run?)"
  exit 0
fi
log=${HELIOSDB_NANO_LOG_FILE:-$(dirname "$pid_file")/server.log}
binary=${HELIOSDB_NANO_BIN:-heliosdb-nano}

if [ ! -s "$pid_file" ]; then
  echo "::warning title=setup-heliosdb-nano::no server to stop ($pid_file is missing or empty)"
  log_tail "$log"
  exit 0
fi
pid=$(cat "$pid_file")
if ! kill -0 "$pid" 2>/dev/null; then
  # The server died during the job: say so loudly, with its log.
  echo "::warning title=setup-heliosdb-nano::the server (pid $pid) had already exited before the stop step"
  log_tail "$log"
  exit 0
fi
"$binary" stop --pid-file "$pid_file"
echo "setup-heliosdb-nano: stopped pid $pid"
log_tail "$log"
