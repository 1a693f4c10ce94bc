#!/usr/bin/env bash
# build.sh — builds heliosdb-nano into $INSTALL_DIR/bin unless the cache
# already restored it there, and makes sure its shared libraries are present.
#
# Env: SOURCE_DIR (absolute checkout), INSTALL_DIR (the cached directory),
#      CACHE_HIT ('true' when actions/cache restored INSTALL_DIR).
# Output: binary — absolute path of the built or restored binary.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

: "${SOURCE_DIR:?SOURCE_DIR is required}"
: "${INSTALL_DIR:?INSTALL_DIR is required}"
binary="$INSTALL_DIR/bin/heliosdb-nano"

missing_libs() { ldd "$binary" 2>/dev/null | grep 'not found' || true; }

if [ "${CACHE_HIT:-}" = true ] && [ -x "$binary" ]; then
  echo "setup-heliosdb-nano: using the cached build ($binary)"
  # A cached binary still needs its runtime libraries on this fresh runner;
  # the -dev packages pull them in under the same names on Debian and Ubuntu.
  if [ -n "$(missing_libs)" ]; then
    echo "setup-heliosdb-nano: installing runtime libraries"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      librocksdb-dev libedit-dev libboost-system-dev libssl-dev libzstd-dev >/dev/null
  fi
else
  echo "::group::setup-heliosdb-nano: build (cache miss)"
  mapfile -t wanted < <(build_packages "$SOURCE_DIR")
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup-heliosdb-nano: installing ${#missing[@]} build package(s): ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  build_dir="${RUNNER_TEMP:-/tmp}/heliosdb-nano-build"
  # NANO_BUILD_TESTS stays ON: with it OFF the tree does not configure today
  # (fixtures/gtest needs GTest::gtest, found under tests/); only the server
  # target is built, so the tests cost a configure, not a compile.
  cmake -S "$SOURCE_DIR" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNANO_BUILD_BENCH=OFF
  cmake --build "$build_dir" --target heliosdb-nano -j "$(nproc)"
  install -D -m 0755 "$build_dir/cli/heliosdb-nano" "$binary"
  echo "::endgroup::"
fi

if [ -n "$(missing_libs)" ]; then
  echo "::error title=setup-heliosdb-nano::$binary is missing shared libraries:"
  missing_libs
  exit 1
fi
gh_output binary "$binary"
