#!/usr/bin/env bash
# run_parallel.sh BIN — runs the fixture test binary as 8 processes at once:
# 4 shuffled full runs with different seeds and a 4-way GoogleTest sharding.
# Exits non-zero if any process fails. Used for isolation across processes.
set -uo pipefail
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pids=()
for seed in 1 2 3 4; do
  "$bin" --gtest_shuffle --gtest_random_seed=$seed >"$out/seed$seed.log" 2>&1 &
  pids+=($!)
done
for shard in 0 1 2 3; do
  GTEST_TOTAL_SHARDS=4 GTEST_SHARD_INDEX=$shard "$bin" --gtest_shuffle >"$out/shard$shard.log" 2>&1 &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
if [[ $failed -ne 0 ]]; then
  for log in "$out"/*.log; do
    grep -q "FAILED" "$log" && { echo "=== $log"; cat "$log"; }
  done
fi
echo "run_parallel.sh: 8 processes, failed=$failed"
exit $failed
