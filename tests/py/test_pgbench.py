"""pgbench against the real server (issue 4's acceptance): `pgbench -i -s 1`,
then the select-only (-S) and the default TPC-B scripts in every query mode
(-M simple, extended, prepared) with 1 client and with 8 clients on 2 threads.

Runs use a fixed transaction count (-t), so they are short and their counts
exact, and -n (no vacuum): pgbench's vacuum step truncates pgbench_history,
and the books must stay balanced across runs for the consistency check that
follows every run — TPC-B adds the same delta to one account, one teller, one
branch and one history row, so the four sums are always equal.
"""
import os
import re
import subprocess

import psycopg2
import pytest

from nano_e2e import start_server

SCALE_ACCOUNTS = 100000  # -s 1
TX_PER_CLIENT = 25


@pytest.fixture(scope="module")
def bench_server():
    s = start_server()
    try:
        r = pgbench(s, "-i", "-s", "1")
        assert r.returncode == 0, r.stdout + r.stderr
        yield s
    finally:
        s.stop()


def pgbench(server, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return subprocess.run(["pgbench", "-h", server.host, "-p", str(server.port), "-U", "postgres", *args,
                           "postgres"], capture_output=True, text=True, timeout=120, env=env)


def query_one(server, sql):
    conn = psycopg2.connect(server.url)
    try:
        cur = conn.cursor()
        cur.execute(sql)
        return cur.fetchone()
    finally:
        conn.close()


def books(server):
    """(history rows, sum(abalance), sum(bbalance), sum(tbalance), sum(delta)) with 0 for no rows."""
    return tuple(int(v) for v in query_one(
        server,
        "SELECT (SELECT count(*) FROM pgbench_history), "
        "coalesce((SELECT sum(abalance) FROM pgbench_accounts), 0), "
        "coalesce((SELECT sum(bbalance) FROM pgbench_branches), 0), "
        "coalesce((SELECT sum(tbalance) FROM pgbench_tellers), 0), "
        "coalesce((SELECT sum(delta) FROM pgbench_history), 0)"))


def assert_clean_run(r, expected):
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert f"number of transactions actually processed: {expected}/{expected}\n" in r.stdout, out
    assert "number of failed transactions: 0 (0.000%)" in r.stdout, out


def test_init_loads_scale_1(bench_server):
    counts = query_one(bench_server,
                       "SELECT (SELECT count(*) FROM pgbench_branches), (SELECT count(*) FROM pgbench_tellers), "
                       "(SELECT count(*) FROM pgbench_accounts), (SELECT count(*) FROM pgbench_history)")
    assert counts == (1, 10, SCALE_ACCOUNTS, 0)
    # The primary keys pgbench -i creates exist and are unique.
    assert query_one(bench_server, "SELECT count(DISTINCT aid), min(aid), max(aid) FROM pgbench_accounts") == (
        SCALE_ACCOUNTS, 1, SCALE_ACCOUNTS)


CLIENTS = [pytest.param((), 1, id="1client"), pytest.param(("-c", "8", "-j", "2"), 8, id="8clients")]
MODES = ["simple", "extended", "prepared"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("client_args,clients", CLIENTS)
def test_select_only(bench_server, mode, client_args, clients):
    before = books(bench_server)
    r = pgbench(bench_server, "-n", "-S", "-M", mode, *client_args, "-t", str(TX_PER_CLIENT))
    assert_clean_run(r, clients * TX_PER_CLIENT)
    assert f"query mode: {mode}" in r.stdout
    assert books(bench_server) == before  # read-only


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("client_args,clients", CLIENTS)
def test_tpcb(bench_server, mode, client_args, clients):
    before = books(bench_server)
    r = pgbench(bench_server, "-n", "-M", mode, *client_args, "-t", str(TX_PER_CLIENT))
    expected = clients * TX_PER_CLIENT
    assert_clean_run(r, expected)
    assert re.search(r'transaction type: <builtin: TPC-B \(sort of\)>', r.stdout), r.stdout
    history, abal, bbal, tbal, delta = books(bench_server)
    assert history == before[0] + expected  # one history row per committed transaction
    assert abal == bbal == tbal == delta


def test_default_run_with_vacuum_step():
    """Without -n pgbench first runs VACUUM on its tables and TRUNCATE pgbench_history."""
    s = start_server()
    try:
        r = pgbench(s, "-i", "-s", "1", "-q")
        assert r.returncode == 0, r.stdout + r.stderr
        r = pgbench(s, "-t", str(TX_PER_CLIENT))
        assert_clean_run(r, TX_PER_CLIENT)
        assert "starting vacuum...end." in r.stderr + r.stdout
        history, abal, bbal, tbal, delta = books(s)
        assert history == TX_PER_CLIENT
        assert abal == bbal == tbal == delta
    finally:
        s.stop()
