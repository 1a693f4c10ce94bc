#!/usr/bin/python3
"""Wall time of a 200-test pytest suite on pytest-heliosdb-nano vs PostgreSQL 15.

Both sides run the same generated suite through the same plugin, so the only
difference is the server:

  nano      `pytest -p pytest_heliosdb_nano --nano-bin=...`: the plugin spawns
            `heliosdb-nano start --memory`, seeds a template once, and gives
            every test `CREATE DATABASE ... TEMPLATE` + `DROP DATABASE`.
  pg15      the same suite with --nano-external-url against a throwaway
            PostgreSQL 15 on tmpfs (fsync off) started by PostgresServer: the
            same template-clone isolation, the best case for PostgreSQL.
            Its initdb + start time is reported separately and also added in
            the "incl. start" ratio, since the nano run includes its own start.

Each side runs --repeat times (median reported). Output: a table and, with
--json FILE, a machine-readable record (bench/run reads it). A benchmark, not a
test: it never asserts on timings. Usage:

  /usr/bin/python3 bench/pytest_suite_bench.py [--nano-bin PATH] [--tests 200]
      [--repeat 3] [--workers N] [--json out.json]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "pytest"))

from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402
from pytest_heliosdb_nano.server import NanoBinaryNotFound, find_binary  # noqa: E402

SEED = """\
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, tier int NOT NULL);
INSERT INTO customers (name, tier) SELECT 'customer ' || g, g % 3 FROM generate_series(1, 100) g;
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2));
"""

SUITE = """
import pytest

@pytest.mark.parametrize("n", range({tests}))
def test_order_flow(nano_conn, n):
    cur = nano_conn.cursor()
    cur.execute("INSERT INTO orders (customer_id, total) VALUES (%s, %s) RETURNING id", (n % 100 + 1, n))
    assert cur.fetchone()[0] == 1  # a fresh database: the sequence starts again every test
    cur.execute("UPDATE customers SET tier = tier + 1 WHERE id = %s", (n % 100 + 1,))
    nano_conn.commit()
    cur.execute("SELECT count(*), sum(total) FROM orders")
    assert cur.fetchone()[0] == 1
    cur.execute("SELECT count(*) FROM customers WHERE tier > 0")
    assert cur.fetchone()[0] >= 66
"""


def write_suite(directory, tests):
    (directory / "seed.sql").write_text(SEED)
    (directory / "test_suite.py").write_text(textwrap.dedent(SUITE.format(tests=tests)))


def run_suite(directory, extra_args, workers):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "fixtures" / "pytest"),
                                                      env.get("PYTHONPATH")]))
    env.pop("NANO_EXTERNAL_URL", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "pytest_heliosdb_nano",
               "-p", "no:cacheprovider", "--nano-seed", "seed.sql", *extra_args]
    if workers:
        command += ["-n", str(workers)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=str(directory), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout.decode("utf-8", "replace")[-4000:])
        raise SystemExit("suite failed (%s): see output above" % " ".join(extra_args))
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nano-bin", default=None)
    parser.add_argument("--tests", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="pytest-xdist workers (0: none)")
    parser.add_argument("--json", default=None, help="write the results here too")
    parser.add_argument("--pg-only", action="store_true",
                        help="run only the PostgreSQL side (to check the suite itself)")
    args = parser.parse_args()

    nano_bin = None
    if not args.pg_only:
        try:
            nano_bin = str(find_binary(args.nano_bin))
        except NanoBinaryNotFound as exc:
            raise SystemExit("pytest_suite_bench: %s" % exc)

    nano_times, pg_times, pg_start_times = [], [], []
    with tempfile.TemporaryDirectory(prefix="pytest-suite-bench-") as tmp:
        directory = Path(tmp)
        write_suite(directory, args.tests)
        for _ in range(args.repeat):
            if nano_bin:
                nano_times.append(run_suite(directory, ["--nano-bin=%s" % nano_bin], args.workers))
            started = time.perf_counter()
            with PostgresServer() as pg15:
                pg_start_times.append(time.perf_counter() - started)
                pg_times.append(run_suite(directory, ["--nano-external-url", pg15.url],
                                          args.workers))

    pg = statistics.median(pg_times)
    pg_start = statistics.median(pg_start_times)
    if not nano_times:
        print("postgresql 15, template clones: %.3f s (+ %.3f s initdb/start), %d tests" % (
            pg, pg_start, args.tests))
        return
    nano = statistics.median(nano_times)
    record = {
        "benchmark": "pytest_suite",
        "tests": args.tests,
        "workers": args.workers,
        "repeat": args.repeat,
        "nano_s": round(nano, 3),
        "pg15_s": round(pg, 3),
        "pg15_start_s": round(pg_start, 3),
        "ratio_nano_over_pg15": round(nano / pg, 3),
        "ratio_nano_over_pg15_incl_start": round(nano / (pg + pg_start), 3),
        "nano_runs_s": [round(t, 3) for t in nano_times],
        "pg15_runs_s": [round(t, 3) for t in pg_times],
    }
    print("pytest suite: %d tests, %s, median of %d" % (
        args.tests, "%d xdist workers" % args.workers if args.workers else "no xdist", args.repeat))
    print("  %-34s %8.3f s" % ("heliosdb-nano (spawn included)", nano))
    print("  %-34s %8.3f s  (+ %.3f s initdb/start)" % ("postgresql 15, template clones", pg, pg_start))
    print("  ratio nano / pg15                  %8.3f" % record["ratio_nano_over_pg15"])
    print("  ratio nano / (pg15 + its start)    %8.3f" % record["ratio_nano_over_pg15_incl_start"])
    if args.json:
        Path(args.json).write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
