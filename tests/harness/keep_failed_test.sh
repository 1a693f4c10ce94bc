#!/usr/bin/env bash
# keep_failed_test.sh SAMPLE_BIN — with NANO_KEEP_FAILED=1 a failed test's
# database is kept and its URL printed (the passing test's is not); against a
# spawned server, the server is left running and its pid printed.
set -uo pipefail
bin=$1
out=$(NANO_KEEP_FAILED=1 "$bin" 2>&1)
rc=$?
fail() { echo "FAIL: $*"; echo "$out"; exit 1; }
[[ $rc -ne 0 ]] || fail "the sample's deliberate failure did not fail the binary"
kept=$(grep -c "kept the failed test's database" <<<"$out")
[[ $kept -eq 1 ]] || fail "expected exactly 1 kept database, got $kept"
url=$(sed -n "s/.*kept the failed test's database: //p" <<<"$out")
pid=$(sed -n 's/.*server pid \([0-9]*\) left running.*/\1/p' <<<"$out")
note=$(psql "$url" -XAtqc "SELECT note FROM evidence" 2>&1)
[[ -n $pid ]] && kill "$pid"
[[ $note == "written by the failed test" ]] || fail "kept database does not hold the test's data: $note"
if [[ -z ${NANO_EXTERNAL_URL:-} ]]; then
  [[ -n $pid ]] || fail "spawned mode: no 'left running' pid printed"
else
  psql "$url" -XAtqc "SELECT 1" >/dev/null 2>&1 || true
  psql "$NANO_EXTERNAL_URL" -XAtqc "DROP DATABASE \"${url##*/}\"" >/dev/null
fi
echo "keep_failed_test.sh: ok ($url)"
