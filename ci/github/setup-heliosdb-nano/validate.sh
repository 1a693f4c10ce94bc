#!/usr/bin/env bash
# validate.sh — first step of setup-heliosdb-nano: checks every input and
# reports ALL problems at once as GitHub error annotations, before any build.
# Then decides whether to build and, if so, computes the cache key.
#
# Reads INPUT_* (see action.yml) and GITHUB_OUTPUT; writes outputs
#   build        'true' when no binary was given
#   auth         the effective auth method (trust, or scram-sha-256 with a password)
#   source-dir   absolute source checkout (when building)
# and exports HELIOSDB_NANO_SOURCE: the HeliosDB Nano sources (source-dir, or
# the repository the action came from), e.g. for fixtures/pytest.
#   install-dir  where build.sh puts bin/heliosdb-nano (the cached path)
#   cache-key    hash of the sources + runner image (when building)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

# Never let the password reach a log, even in an error message below.
if [ -n "${INPUT_PASSWORD:-}" ]; then echo "::add-mask::$INPUT_PASSWORD"; fi

errors=0
fail() {
  echo "::error title=setup-heliosdb-nano::$*"
  errors=$((errors + 1))
}

is_bool() { [ "$1" = true ] || [ "$1" = false ]; }

is_port() {
  [[ $1 =~ ^[0-9]{1,5}$ ]] && [ "$((10#$1))" -le 65535 ]
}

start=${INPUT_START:-true}
is_bool "$start" || fail "input 'start' must be 'true' or 'false', got '$start'"

port=${INPUT_PORT:-5432}
is_port "$port" || fail "input 'port' must be a number from 0 to 65535 (0 = the OS chooses), got '$port'"

password=${INPUT_PASSWORD:-}
auth=${INPUT_AUTH:-}
if [ -z "$auth" ]; then
  if [ -n "$password" ]; then auth=scram-sha-256; else auth=trust; fi
fi
case "$auth" in
  trust)
    [ -z "$password" ] || fail "input 'password' is set but 'auth' is trust, which ignores it: set auth to scram-sha-256, md5 or password" ;;
  password|md5|scram-sha-256)
    [ -n "$password" ] || fail "input 'auth' is $auth, which needs input 'password'" ;;
  *) fail "input 'auth' must be one of trust, password, md5, scram-sha-256, got '$auth'" ;;
esac
case "$password" in
  *$'\n'*|*$'\r'*) fail "input 'password' must be a single line" ;;
esac

user=${INPUT_USER:-postgres}
[[ $user =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "input 'user' must be a plain identifier (letters, digits, _), got '$user'"

mysql=${INPUT_MYSQL:-false}
is_bool "$mysql" || fail "input 'mysql' must be 'true' or 'false', got '$mysql'"

http=${INPUT_HTTP:-true}
is_bool "$http" || is_port "$http" || fail "input 'http' must be 'true', 'false' or a port number, got '$http'"

timeout_s=${INPUT_STARTUP_TIMEOUT:-30}
[[ $timeout_s =~ ^[1-9][0-9]{0,3}$ ]] || fail "input 'startup-timeout' must be a whole number of seconds from 1 to 9999, got '$timeout_s'"

seed=${INPUT_SEED:-}
if [ -n "$seed" ]; then
  [ "$start" = true ] || fail "input 'seed' needs start: 'true'"
  [ -f "$seed" ] || fail "input 'seed': no such file '$seed' (relative to $(pwd))"
  command -v psql >/dev/null || fail "input 'seed' needs psql on PATH (package postgresql-client)"
fi

# The action lives in <repo>/ci/github/setup-heliosdb-nano.
src=${INPUT_SOURCE_DIR:-$here/../../..}
binary=${INPUT_BINARY:-}
build=false
if [ -n "$binary" ]; then
  if [ ! -f "$binary" ]; then
    fail "input 'binary': no such file '$binary'"
  elif [ ! -x "$binary" ]; then
    fail "input 'binary': '$binary' is not executable"
  fi
else
  build=true
  if [ ! -f "$src/CMakeLists.txt" ] || [ ! -d "$src/engine" ]; then
    fail "input 'source-dir': '$src' is not a HeliosDB Nano checkout (no CMakeLists.txt and engine/); check it out there or pass input 'binary'"
  fi
fi

if [ "$errors" -gt 0 ]; then
  echo "setup-heliosdb-nano: $errors invalid input(s), see the errors above" >&2
  exit 1
fi

gh_output build "$build"
gh_output auth "$auth"
if [ -d "$src" ]; then
  src=$(cd "$src" && pwd)
  gh_env HELIOSDB_NANO_SOURCE "$src"
fi
if [ "$build" = true ]; then
  gh_output source-dir "$src"
  gh_output install-dir "${HOME}/.cache/heliosdb-nano/install"
  gh_output cache-key "heliosdb-nano-${ImageOS:-$(uname -s)}-$(uname -m)-$(source_hash "$src")"
fi
