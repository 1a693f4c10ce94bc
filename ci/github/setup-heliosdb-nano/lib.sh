# lib.sh — helpers shared by the setup-heliosdb-nano scripts (sourced, not run).
# The GitHub runner reads step outputs from $GITHUB_OUTPUT, variables for the
# following steps from $GITHUB_ENV and PATH additions from $GITHUB_PATH; all
# three are files the runner creates per step (tests create temporary ones).
# shellcheck shell=bash

# gh_output NAME VALUE — a step output (single-line values only).
gh_output() { printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }

# gh_env NAME VALUE — an environment variable for every later step of the job.
gh_env() { printf '%s=%s\n' "$1" "$2" >>"$GITHUB_ENV"; }

# gh_path DIR — prepend DIR to PATH for every later step of the job.
gh_path() { printf '%s\n' "$1" >>"$GITHUB_PATH"; }

# source_hash SRC — a hash of every file that goes into the heliosdb-nano
# binary (engine, cli, build files, package list), by path relative to SRC,
# so the same sources give the same cache key wherever they are checked out.
source_hash() {
  (
    cd "$1" || exit 1
    find engine cli cmake CMakeLists.txt CMakePresets.json scripts/packages.txt -type f -print0 2>/dev/null |
      LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32
  )
}

# build_packages SRC — the Debian packages building heliosdb-nano needs: the
# sections of SRC/scripts/packages.txt before "# --- the oracle" (toolchain,
# engine, harness); the PostgreSQL oracle, Node and the JDK are only for the
# project's own tests. Without that marker, the whole list.
build_packages() {
  sed -e '/^# --- the oracle/,$d' -e 's/#.*//' -e 's/[[:space:]]//g' "$1/scripts/packages.txt" |
    grep -v '^$'
}

# log_tail FILE — the last lines of a server log, folded in the job log.
log_tail() {
  [ -s "$1" ] || return 0
  echo "::group::heliosdb-nano log (last 50 lines of $1)"
  tail -n 50 "$1"
  echo "::endgroup::"
}
