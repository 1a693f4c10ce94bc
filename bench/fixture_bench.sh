#!/usr/bin/env bash
# fixture_bench.sh [BUILD_DIR] [ITERATIONS] — per-test cost of a fresh seeded
# database, HeliosDB Nano vs PostgreSQL 15 (started here on tmpfs), side by side.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
exec "$here/../tests/harness/pg15_server.sh" run "$build/tests/harness/nano_fixture_bench" "${2:-50}"
