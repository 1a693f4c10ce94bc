"""Shared pieces of bench/run: statistics, the two servers, process memory.

Both servers come from the pytest plugin so the benchmarks start them exactly
as the tests do:
  * Nano: NanoServer (`heliosdb-nano start --memory --port 0 --ready-fd N`),
    ready when the ready JSON arrives and a SELECT 1 was answered.
  * PostgreSQL 15: PostgresServer (initdb on /dev/shm, fsync, synchronous_commit
    and full_page_writes off), ready on "ready to accept connections".
A benchmark never asserts on timings; it only measures and reports.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "pytest"))

from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402,F401
from pytest_heliosdb_nano.server import NanoServer, find_binary  # noqa: E402,F401

import psycopg2  # noqa: E402  (Debian python3-psycopg2; the plugin uses it too)

PG_BIN = Path("/usr/lib/postgresql/15/bin")


# --- statistics -------------------------------------------------------------

def summary(values):
    """median / min / max / n of a list of numbers (None for an empty list)."""
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values), "runs": list(values)}


def ratio_summary(nano, pg, higher_is_better):
    """Pair-by-pair ratios 'how many times better Nano is' (>1: Nano better).

    Pairs are taken in run order (each pair ran back to back on the same machine
    state), so a noisy moment hits both sides of one pair rather than one side.
    """
    pairs = []
    for n, p in zip(nano, pg):
        if n and p:
            pairs.append(n / p if higher_is_better else p / n)
    return summary(pairs)


# --- connections --------------------------------------------------------------

def connect(url):
    conn = psycopg2.connect(url, connect_timeout=10)
    conn.autocommit = True
    return conn


def execute(url, *statements):
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
    finally:
        conn.close()


def libpq_env(host, port, user="postgres"):
    """Environment for psql / pgbench aimed at one server (nothing inherited)."""
    env = dict(os.environ)
    for name in ("PGDATA", "PGSERVICE", "PGPASSWORD", "PGOPTIONS"):
        env.pop(name, None)
    env.update({"PGHOST": str(host), "PGPORT": str(port), "PGUSER": user,
                "LC_ALL": "C.UTF-8", "PGCONNECT_TIMEOUT": "10"})
    return env


def run_tool(argv, env, stdin=None, timeout=1800):
    """Runs psql / pgbench; returns (seconds, stdout). Raises on a non-zero exit."""
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    elapsed = time.perf_counter() - started
    out = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0:
        raise RuntimeError("%s failed (exit %d):\n%s" % (" ".join(map(str, argv)),
                                                         result.returncode, out[-3000:]))
    return elapsed, out


# --- process memory -------------------------------------------------------------

def _children(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc/%s/stat" % entry).read_text()
        except OSError:
            continue
        # The comm field may hold spaces and parentheses: split after its last ')'.
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            kids.append(int(entry))
    return kids


def _status_kib(pid, key):
    for line in Path("/proc/%d/status" % pid).read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _pss_kib(pid):
    try:
        for line in Path("/proc/%d/smaps_rollup" % pid).read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_tree_memory(pid):
    """RSS and PSS (MiB) summed over pid and all its descendants, from /proc."""
    pids, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        pids.append(current)
        frontier.extend(_children(current))
    rss = pss = 0
    for p in pids:
        try:
            rss += _status_kib(p, "VmRSS")
            pss += _pss_kib(p)
        except OSError:
            continue  # exited meanwhile
    return {"rss_mib": rss / 1024.0, "pss_mib": pss / 1024.0, "processes": len(pids)}


# --- machine ------------------------------------------------------------------

def machine_info():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kib = _status_like("/proc/meminfo", "MemTotal")
    load = os.getloadavg()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1048576.0, 1),
            "kernel": os.uname().release, "load_at_start": [round(x, 2) for x in load]}


def _status_like(path, key):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tool_version(argv):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=30).stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"
