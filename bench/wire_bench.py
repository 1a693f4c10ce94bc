"""The over-the-wire benchmarks of bench/run, each run on Nano and PostgreSQL 15.

Every function takes the two running servers (a Side each) and returns a row:
{"nano": [values per run], "pg15": [values per run], "unit": ..., "higher_is_better": ...}
plus optional notes. Runs alternate PostgreSQL, Nano, PostgreSQL, Nano ... so
that each pair saw the same machine state (bench/run computes ratios pair by pair).
"""

import json
import re
import subprocess
import time
from pathlib import Path

import benchlib
from benchlib import NanoServer, PostgresServer


class Side:
    """One running server: its name, URL, host/port and root pid."""

    def __init__(self, name, url, host, port, pid):
        self.name, self.url, self.host, self.port, self.pid = name, url, host, port, pid

    def url_for(self, dbname):
        return self.url.rsplit("/", 1)[0] + "/" + dbname

    def env(self):
        return benchlib.libpq_env(self.host, self.port)


def row(nano, pg, unit, higher_is_better, **notes):
    record = {"nano": nano, "pg15": pg, "unit": unit, "higher_is_better": higher_is_better}
    record.update(notes)
    return record


# --- startup -------------------------------------------------------------------

def startup(nano_bin, runs, workdir):
    """Process start to the first answered SELECT 1 over the wire: bench/startup_bench.py.

    That script (owned by the wire helper) spawns each server, waits for its
    ready signal, and answers SELECT 1 with a minimal protocol client, so no
    driver start-up is inside the figures. It runs all Nano samples, then all
    PostgreSQL ones: here the ratios pair runs by index, not back to back.
    """
    out = Path(workdir) / "startup.json"
    subprocess.run(["/usr/bin/python3", str(benchlib.ROOT / "bench" / "startup_bench.py"),
                    "--nano-bin", str(nano_bin), "--runs", str(runs), "--json", str(out)],
                   check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    record = json.loads(out.read_text())
    return row(record["nano"]["samples_ms"], record["pg15_start_prepared"]["samples_ms"], "ms",
               False, nano_until_ready_fd=record["nano"]["until_ready_fd"]["samples_ms"],
               pg15_with_initdb=record["pg15_initdb_and_start"]["samples_ms"],
               note="bench/startup_bench.py: raw protocol client, 1 warm-up run per contender")


# --- fresh database per test -----------------------------------------------------

def seed_template(side, name="bench_tmpl"):
    """10 tables of 100 rows (1,000 rows in all) with a primary key each."""
    benchlib.execute(side.url, "DROP DATABASE IF EXISTS %s" % name, "CREATE DATABASE %s" % name)
    statements = []
    for t in range(10):
        statements.append("CREATE TABLE t%d (id int PRIMARY KEY, name text NOT NULL, v int)" % t)
        statements.append("INSERT INTO t%d SELECT g, 'row ' || g, g * %d FROM "
                          "generate_series(1, 100) g" % (t, t + 1))
    benchlib.execute(side.url_for(name), *statements)
    return name


def clone(nano, pg, iterations, rounds):
    """CREATE DATABASE ... TEMPLATE and DROP DATABASE, each timed, over one connection.

    One round = `iterations` clone+drop pairs; a round's figure is the median per
    operation in ms. The connection stays on the maintenance database (postgres).
    """
    result = {}
    for side in (pg, nano):
        seed_template(side)
    creates = {"nano": [], "pg15": []}
    drops = {"nano": [], "pg15": []}
    for r in range(rounds):
        for key, side in (("pg15", pg), ("nano", nano)):
            conn = benchlib.connect(side.url)
            c_times, d_times = [], []
            try:
                with conn.cursor() as cur:
                    for i in range(iterations):
                        name = "bench_clone_%d_%d" % (r, i)
                        t0 = time.perf_counter()
                        cur.execute("CREATE DATABASE %s TEMPLATE bench_tmpl" % name)
                        t1 = time.perf_counter()
                        cur.execute("DROP DATABASE %s" % name)
                        t2 = time.perf_counter()
                        c_times.append((t1 - t0) * 1000.0)
                        d_times.append((t2 - t1) * 1000.0)
            finally:
                conn.close()
            creates[key].append(benchlib.statistics.median(c_times))
            drops[key].append(benchlib.statistics.median(d_times))
    result["create"] = row(creates["nano"], creates["pg15"], "ms", False)
    result["drop"] = row(drops["nano"], drops["pg15"], "ms", False)
    return result


# --- idle memory -------------------------------------------------------------------

def idle_memory(nano_bin, runs, settle_s=1.0):
    """RSS (and PSS) of a freshly started server and its children, no connection ever made.

    Nano is started with confirm=False (no SELECT 1) so nothing has connected.
    settle_s lets PostgreSQL's background workers finish starting; both sides
    wait the same.
    """
    nano, pg, nano_pss, pg_pss, pg_procs = [], [], [], [], []
    for _ in range(runs):
        with PostgresServer() as server:
            time.sleep(settle_s)  # a measurement choice, not a readiness wait
            mem = benchlib.process_tree_memory(server.pid)
        pg.append(mem["rss_mib"])
        pg_pss.append(mem["pss_mib"])
        pg_procs.append(mem["processes"])
        with NanoServer(binary=nano_bin, confirm=False) as server:
            time.sleep(settle_s)
            mem = benchlib.process_tree_memory(server.pid)
        nano.append(mem["rss_mib"])
        nano_pss.append(mem["pss_mib"])
    return row(nano, pg, "MiB", False, nano_pss=nano_pss, pg15_pss=pg_pss,
               pg15_processes=pg_procs,
               note="RSS summed over the server's processes; PostgreSQL's shared buffers are "
                    "counted once per process that touched them (PSS beside it counts them once)")


# --- pgbench -----------------------------------------------------------------------

PGBENCH = "/usr/bin/pgbench"
_TPS = re.compile(r"tps = ([0-9.]+) \(without initial connection time\)")


def pgbench_init(side):
    benchlib.run_tool([PGBENCH, "-i", "-q", "-s", "1", "postgres"], side.env())
    if side.name == "pg15":
        benchlib.execute(side.url, "VACUUM ANALYZE")


def pgbench_tps(side, args, duration):
    _, out = benchlib.run_tool([PGBENCH, "-n", "-T", str(duration), *args, "postgres"],
                               side.env(), timeout=duration * 10 + 60)
    match = _TPS.search(out)
    if not match:
        raise RuntimeError("no tps in pgbench output:\n" + out[-2000:])
    failed = re.search(r"number of failed transactions: (\d+)", out)
    if failed and int(failed.group(1)):
        raise RuntimeError("pgbench reported failed transactions:\n" + out[-2000:])
    return float(match.group(1))


PGBENCH_CASES = [
    ("pgbench_S_simple_1c", "pgbench -S, 1 client, -M simple", ["-S", "-M", "simple", "-c", "1"]),
    ("pgbench_S_prepared_1c", "pgbench -S, 1 client, -M prepared",
     ["-S", "-M", "prepared", "-c", "1"]),
    ("pgbench_S_prepared_2c", "pgbench -S, 2 clients, -M prepared",
     ["-S", "-M", "prepared", "-c", "2", "-j", "2"]),
    ("pgbench_tpcb_prepared_1c", "pgbench TPC-B, 1 client, -M prepared",
     ["-M", "prepared", "-c", "1"]),
]


def pgbench_all(nano, pg, duration, runs):
    for side in (pg, nano):
        pgbench_init(side)
    results = {}
    for key, _title, args in PGBENCH_CASES:
        values = {"nano": [], "pg15": []}
        for _ in range(runs):
            values["pg15"].append(pgbench_tps(pg, args, duration))
            values["nano"].append(pgbench_tps(nano, args, duration))
        results[key] = row(values["nano"], values["pg15"], "tps", True,
                           duration_s=duration)
    return results


# --- COPY and the analytic query ------------------------------------------------------

def write_copy_file(path, rows):
    """rows lines of (id bigint, cust int, amount float8, note text), tab-separated."""
    with open(path, "w") as out:
        chunk = 100000
        for start in range(1, rows + 1, chunk):
            stop = min(rows + 1, start + chunk)
            out.write("".join("%d\t%d\t%d.%02d\tnote %d\n" % (i, i % 1000 + 1, (i * 7) % 10000,
                                                              i % 100, i)
                              for i in range(start, stop)))


FACTS_DDL = "CREATE TABLE facts (id bigint, cust int, amount float8, note text)"


def copy_load(nano, pg, rows, runs, workdir):
    """psql COPY facts FROM STDIN of `rows` rows into a fresh table without indexes."""
    data = Path(workdir) / "facts.tsv"
    write_copy_file(data, rows)
    values = {"nano": [], "pg15": []}
    for _ in range(runs):
        for key, side in (("pg15", pg), ("nano", nano)):
            benchlib.execute(side.url, "DROP TABLE IF EXISTS facts", FACTS_DDL)
            with open(data, "rb") as stdin:
                seconds, _ = benchlib.run_tool(
                    ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres",
                     "-c", "COPY facts FROM STDIN"], side.env(), stdin=stdin)
            values[key].append(rows / seconds)
    data.unlink()
    return row(values["nano"], values["pg15"], "rows/s", True, rows=rows,
               note="wall time of the psql process; table without indexes")


ANALYTIC_QUERY = """
SELECT c.region, count(*) AS n, round(sum(f.amount)::numeric, 2) AS total,
       round(avg(f.amount)::numeric, 4) AS mean, max(f.amount) AS top,
       rank() OVER (ORDER BY sum(f.amount) DESC) AS pos
FROM facts f JOIN customers c ON c.id = f.cust
GROUP BY c.region
ORDER BY total DESC, c.region
"""


def analytic(nano, pg, runs):
    """Join (facts x customers) + GROUP BY + a window + ORDER BY over the rows COPY loaded.

    The two result sets are compared: a wrong answer would make the timing moot.
    """
    for side in (pg, nano):
        benchlib.execute(side.url, "DROP TABLE IF EXISTS customers",
                         "CREATE TABLE customers (id int PRIMARY KEY, region text NOT NULL)",
                         "INSERT INTO customers SELECT g, 'region ' || (g % 17) "
                         "FROM generate_series(1, 1000) g")
        if side.name == "pg15":
            benchlib.execute(side.url, "ANALYZE")
    answers = {}
    values = {"nano": [], "pg15": []}
    for _ in range(runs):
        for key, side in (("pg15", pg), ("nano", nano)):
            conn = benchlib.connect(side.url)
            try:
                with conn.cursor() as cur:
                    t0 = time.perf_counter()
                    cur.execute(ANALYTIC_QUERY)
                    rows = cur.fetchall()
                    values[key].append((time.perf_counter() - t0) * 1000.0)
            finally:
                conn.close()
            answers[key] = [tuple(str(v) for v in r) for r in rows]
    same = answers["nano"] == answers["pg15"]
    if not same:
        raise RuntimeError("analytic query: Nano and PostgreSQL disagree:\n%r\n%r" % (
            answers["nano"][:3], answers["pg15"][:3]))
    return row(values["nano"], values["pg15"], "ms", False, same_answer=same,
               query=" ".join(ANALYTIC_QUERY.split()),
               note="join + group by + window (rank over the groups) + order by")


# --- the 200-test pytest suite ------------------------------------------------------------

def pytest_suite(nano_bin, tests, runs, workdir):
    out = Path(workdir) / "pytest_suite.json"
    subprocess.run(["/usr/bin/python3", str(benchlib.ROOT / "bench" / "pytest_suite_bench.py"),
                    "--nano-bin", str(nano_bin), "--tests", str(tests), "--repeat", str(runs),
                    "--json", str(out)], check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL)
    record = json.loads(out.read_text())
    return row(record["nano_runs_s"], record["pg15_runs_s"], "s", False, tests=tests,
               pg15_start_s=record["pg15_start_s"],
               note="bench/pytest_suite_bench.py; Nano's figure includes its own server start, "
                    "PostgreSQL's excludes its initdb + start (pg15_start_s)")
