#!/usr/bin/env bash
# sample_consumer_test.sh BUILD_DIR SOURCE_DIR — installs the harness (and the
# server when built) from BUILD_DIR into a temporary prefix, then configures,
# builds and runs tests/sample_consumer against it with ctest -j, exactly as
# an outside project would (find_package(HeliosNano)). The fixture runs
# against $NANO_EXTERNAL_URL when set, else spawns the installed server.
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
components="harness dev"
# The server is optional here (external mode); install it when it is built.
[[ -x $build/cli/heliosdb-nano ]] && components+=" server"
for component in $components; do
  cmake --install "$build" --prefix "$tmp/prefix" --component "$component" >/dev/null
done
cmake -S "$src/tests/sample_consumer" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
if [[ $components == *server* ]] && ! grep -q "server binary: '$tmp/prefix/bin/heliosdb-nano'" "$tmp/configure.log"; then
  echo "the package did not report the installed server binary:"; cat "$tmp/configure.log"; exit 1
fi
cmake --build "$tmp/build" -j2 >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
ctest --test-dir "$tmp/build" -j4 --output-on-failure
