#!/usr/bin/env bash
# cli_test.sh NANO_HARNESS MODE — the nano-harness dev loop end to end.
# MODE: external (NANO_EXTERNAL_URL points at a PostgreSQL 15; run through
# pg15_server.sh run) or spawned (NANO_BIN is the real heliosdb-nano).
# Every step checks an exit code or an output; no sleeps: readiness comes
# from `up --detach` returning, `wait`, and reading up's output stream.
set -uo pipefail
nh=$1
mode=$2
work=$(mktemp -d)
cd "$work"
fifo_pid=
cleanup() {
  [[ -n $fifo_pid ]] && kill "$fifo_pid" 2>/dev/null
  "$nh" down >/dev/null 2>&1
  cd /; rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() {  # check DESCRIPTION EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then echo "ok   - $1"; else echo "FAIL - $1: expected '$2', got '$3'"; failures=$((failures+1)); fi
}
q() { psql "$DATABASE_URL" -XAtqc "$1" 2>&1; }

# Nothing running yet.
"$nh" status >/dev/null 2>&1; check "status with nothing running exits 3" 3 $?
"$nh" down >/dev/null 2>&1; check "down with nothing running exits 3" 3 $?
"$nh" env >/dev/null 2>&1; check "env with nothing running exits 3" 3 $?
"$nh" reset >/dev/null 2>&1; check "reset with nothing running exits 3" 3 $?
"$nh" wait --timeout 1 >/dev/null 2>&1; check "wait times out with exit 6" 6 $?
"$nh" up --watch >/dev/null 2>&1; check "up --watch without a file is a usage error" 2 $?
"$nh" up --seed missing.sql >/dev/null 2>&1; check "up with a missing seed exits 2" 2 $?

if [[ $mode == spawned ]]; then
  "$nh" up --detach --bin /nonexistent/heliosdb-nano >/dev/null 2>err.txt; check "up with a missing binary exits 1" 1 $?
  grep -q "/nonexistent/heliosdb-nano" err.txt; check "the failure names the binary" 0 $?
  "$nh" status >/dev/null 2>&1; check "nothing running after a failed up" 3 $?
  "$nh" up --detach -- --no-such-option >/dev/null 2>err.txt; check "up with a server that exits at start exits 1" 1 $?
  grep -q "no-such-option" err.txt; check "the failure shows the server's log" 0 $?
fi

# Detached up with a seed; env is shell-evaluable; the seed is there.
cat > seed.sql <<'SQL'
CREATE TABLE pets (id INT PRIMARY KEY, name TEXT);
INSERT INTO pets VALUES (1, 'cat'), (2, 'dog');
SQL
out=$("$nh" up --detach --seed seed.sql 2>up.err); check "up --detach exits 0" 0 $?
url=$(head -1 <<<"$out")
check "up prints the URL first" "postgresql://" "${url:0:13}"
eval "$("$nh" env)"; check "env is eval-able" 0 $?
check "DATABASE_URL is the printed URL" "$url" "$DATABASE_URL"
check "PGDATABASE names the working database" "$(psql -XAtqc 'SELECT current_database()')" "$PGDATABASE"
check "seed is visible" 2 "$(q 'SELECT count(*) FROM pets')"
"$nh" status >/dev/null; check "status while running exits 0" 0 $?
check "status --json says running" running "$("$nh" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
"$nh" up --detach >/dev/null 2>err.txt; check "second up exits 4" 4 $?
grep -q "already running" err.txt; check "second up says already running" 0 $?
check "wait prints the URL" "$url" "$("$nh" wait --timeout 5)"
check "psql subcommand runs" 2 "$("$nh" psql -- -XAtqc 'SELECT count(*) FROM pets')"

# Reset puts the data back, even with a client connected.
q "INSERT INTO pets VALUES (3, 'eel')" >/dev/null
check "write landed" 3 "$(q 'SELECT count(*) FROM pets')"
"$nh" reset 2>/dev/null; check "reset exits 0" 0 $?
check "reset restores the seed" 2 "$(q 'SELECT count(*) FROM pets')"

if [[ $mode == spawned ]]; then
  server_pid=$("$nh" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["server_pid"])')
  "$nh" logs >/dev/null; check "logs exits 0" 0 $?
fi
if [[ $mode == spawned ]]; then
  # logs -f follows until the server stops (the state file goes away).
  timeout 20 "$nh" logs -f >follow.out 2>&1 &
  follow_pid=$!
fi
"$nh" down 2>/dev/null; check "down exits 0" 0 $?
"$nh" status >/dev/null 2>&1; check "status after down exits 3" 3 $?
if [[ $mode == spawned ]]; then
  wait "$follow_pid"; check "logs -f ends when the server stops" 0 $?
fi
if [[ $mode == spawned ]]; then
  kill -0 "$server_pid" 2>/dev/null; check "server process is gone after down" 1 $?
fi

# Stale state: the supervisor is SIGKILLed.
"$nh" up --detach >/dev/null 2>&1; check "up again exits 0" 0 $?
sup=$("$nh" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["supervisor_pid"])')
kill -9 "$sup"
while kill -0 "$sup" 2>/dev/null; do :; done  # bounded: SIGKILL is not ignorable
"$nh" status >/dev/null 2>err.txt; check "status on stale state exits 5" 5 $?
grep -q "stale" err.txt; check "status says stale" 0 $?
"$nh" env >/dev/null 2>&1; check "env on stale state exits 5" 5 $?
"$nh" down 2>/dev/null; check "down cleans stale state (exit 0)" 0 $?
"$nh" status >/dev/null 2>&1; check "status after cleaning exits 3" 3 $?

# Foreground up --watch: a changed seed is re-applied without a restart.
mkfifo up.out
"$nh" up --watch seed.sql >up.out 2>up.err &
fifo_pid=$!
exec 3<up.out
read -r -t 30 url <&3; check "foreground up prints the URL" "postgresql://" "${url:0:13}"
for _ in 1 2 3 4 5; do read -r -t 5 _line <&3; done  # the export lines
export DATABASE_URL=$url
check "watch: initial seed" 2 "$(q 'SELECT count(*) FROM pets')"
"$nh" status >/dev/null; check "foreground up is visible to status" 0 $?
printf "CREATE TABLE pets (id INT, name TEXT);\nINSERT INTO pets VALUES (7, 'yak');\n" > seed.sql.new
mv seed.sql.new seed.sql
read -r -t 30 line <&3; check "watch: reseed reported" "reseeded" "${line:0:8}"
check "watch: new seed applied" yak "$(q 'SELECT name FROM pets')"
echo "CREATE TABLE broken (" > seed.sql
read -r -t 30 line <&3; check "watch: broken seed rejected" "seed rejected" "${line:0:13}"
check "watch: previous data kept" yak "$(q 'SELECT name FROM pets')"
kill -INT "$fifo_pid"
wait "$fifo_pid"; check "Ctrl-C stops up with exit 0" 0 $?
fifo_pid=
"$nh" status >/dev/null 2>&1; check "nothing running after Ctrl-C" 3 $?

echo "cli_test.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
