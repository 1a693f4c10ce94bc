#!/usr/bin/python3
"""Startup benchmark: process start to the first answered `SELECT 1` over the wire.

Three contenders, each --runs times (default 20) after --warmup untimed runs:

  nano            `heliosdb-nano start --memory --port 0 --no-http --ready-fd N
                  --exit-with-parent`: the clock starts just before posix_spawn
                  and stops when the answer to `SELECT 1` (sent as soon as the
                  ready JSON arrives on the descriptor) has been read. The time
                  until the ready JSON is reported too.
  pg15 initdb     PostgreSQL 15's initdb into a fresh directory on tmpfs
  + start         (/dev/shm), then `postgres` (fsync, synchronous_commit,
                  full_page_writes off) until it logs "ready to accept
                  connections", then `SELECT 1`. initdb's share is reported too.
  pg15 start      `postgres` on a data directory prepared once by initdb (and
  (prepared)      shut down cleanly between runs), until `SELECT 1` is answered.

All three use the same client: a minimal protocol-v3 client over TCP on
127.0.0.1 (startup, trust auth, one simple Query, Terminate) written here, so no
driver start-up cost is inside the figures. As root, initdb and postgres run as
the `postgres` user through util-linux setpriv (which execs, adding no process).
Servers are stopped (SIGTERM / SIGINT, fast shutdown) outside the timed span.

A benchmark, not a test (scripts/test does not run it): it never asserts on
timings. Output: a table on stdout; with --json FILE also a machine-readable
record. The target from issue 4 is a Nano median under 20 ms.

Usage: /usr/bin/python3 bench/startup_bench.py [--runs 20] [--warmup 1]
           [--nano-bin PATH] [--pg-bin-dir /usr/lib/postgresql/15/bin]
           [--no-pg] [--json FILE]
"""

import argparse
import json
import os
import platform
import pwd
import select
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 20.0
READY_TIMEOUT_S = 60.0


# --- a minimal PostgreSQL protocol-v3 client ---------------------------------------

def _recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("server closed the connection")
        buf += chunk
    return bytes(buf)


def _read_message(sock):
    header = _recv_exact(sock, 5)
    kind, length = header[:1], struct.unpack("!I", header[1:])[0]
    return kind, _recv_exact(sock, length - 4)


def _error_text(body):
    fields = dict((f[:1].decode(), f[1:].decode("utf-8", "replace")) for f in body.split(b"\0") if f)
    return "%s: %s" % (fields.get("C", "?"), fields.get("M", "?"))


def select_one(port, host="127.0.0.1", user="postgres", database="postgres"):
    """Connects (trust auth), runs `SELECT 1`, checks the answer is 1, terminates."""
    with socket.create_connection((host, port), timeout=READY_TIMEOUT_S) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        params = b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
        sock.sendall(struct.pack("!II", 8 + len(params), 196608) + params)
        while True:
            kind, body = _read_message(sock)
            if kind == b"R" and struct.unpack("!I", body[:4])[0] != 0:
                raise RuntimeError("server asks for a password; the benchmark needs trust auth")
            if kind == b"E":
                raise RuntimeError("startup failed: " + _error_text(body))
            if kind == b"Z":
                break
        query = b"SELECT 1\0"
        sock.sendall(b"Q" + struct.pack("!I", 4 + len(query)) + query)
        value = None
        while True:
            kind, body = _read_message(sock)
            if kind == b"D":
                length = struct.unpack("!i", body[2:6])[0]
                value = body[6:6 + length]
            elif kind == b"E":
                raise RuntimeError("SELECT 1 failed: " + _error_text(body))
            elif kind == b"Z":
                break
        if value != b"1":
            raise RuntimeError("SELECT 1 answered %r" % (value,))
        sock.sendall(b"X\0\0\0\4")


# --- heliosdb-nano ----------------------------------------------------------------

def find_nano_bin(explicit):
    candidates = [explicit, os.environ.get("NANO_BIN"), str(ROOT / "build" / "release" / "cli" / "heliosdb-nano"),
                  shutil.which("heliosdb-nano")]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return os.path.abspath(path)
    sys.exit("startup_bench: heliosdb-nano not found (tried --nano-bin, $NANO_BIN, build/release, $PATH)")


def _read_line(fd, deadline):
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no ready line in time")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


def nano_run(binary, log):
    """(total ms, ms until the ready JSON) of one start-to-SELECT-1."""
    r, w = os.pipe()
    argv = [binary, "start", "--memory", "--port", "0", "--no-http", "--ready-fd", str(w), "--exit-with-parent"]
    file_actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, log.fileno(), 1), (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
                    (os.POSIX_SPAWN_CLOSE, r)]
    os.set_inheritable(w, True)
    start = time.perf_counter()
    pid = os.posix_spawn(binary, argv, os.environ, file_actions=file_actions)
    os.close(w)
    try:
        line = _read_line(r, time.monotonic() + READY_TIMEOUT_S)
        ready = time.perf_counter()
        if not line:
            raise RuntimeError("heliosdb-nano exited before it was ready (log: %s)" % log.name)
        select_one(json.loads(line)["pg"]["port"])
        done = time.perf_counter()
    finally:
        os.close(r)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    return (done - start) * 1000.0, (ready - start) * 1000.0


# --- PostgreSQL 15 ------------------------------------------------------------------

def _as_postgres(argv):
    if os.geteuid() != 0:
        return argv
    return ["setpriv", "--reuid", "postgres", "--regid", "postgres", "--clear-groups", "--pdeathsig", "SIGQUIT",
            "--"] + argv


def _pg_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"LC_ALL": "C.UTF-8", "TZ": "UTC"})
    return env


def _tmpfs_dir():
    base = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    d = tempfile.mkdtemp(prefix="nano-startup-bench-", dir=base)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(d, pw.pw_uid, pw.pw_gid)
    return d


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_initdb(bin_dir, data_dir):
    subprocess.run(_as_postgres([os.path.join(bin_dir, "initdb"), "-D", data_dir, "-U", "postgres", "-A", "trust",
                                 "--locale=C.UTF-8", "--encoding=UTF8", "--no-sync"]),
                   check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env=_pg_env())


def pg_start_select_stop(bin_dir, work_dir, data_dir):
    """Starts postgres on data_dir, waits for its ready line, answers SELECT 1; returns ms; stops it."""
    port = _free_port()
    argv = [os.path.join(bin_dir, "postgres"), "-D", data_dir, "-p", str(port), "-k", work_dir,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "TimeZone=UTC", "-c", "logging_collector=off"]
    start = time.perf_counter()
    proc = subprocess.Popen(_as_postgres(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=_pg_env())
    log = []
    try:
        for raw in proc.stderr:  # blocking reads of postgres's log, no polling
            log.append(raw.decode("utf-8", "replace"))
            if b"ready to accept connections" in raw:
                break
        else:
            raise RuntimeError("postgres exited before it was ready:\n" + "".join(log[-20:]))
        # Keep draining its log so postgres never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        select_one(port)
        done = time.perf_counter()
    finally:
        proc.send_signal(signal.SIGINT)  # fast shutdown
        proc.wait(timeout=60)
    return (done - start) * 1000.0


def pg_initdb_run(bin_dir):
    """(total ms, initdb ms): initdb into a fresh tmpfs directory, start, SELECT 1."""
    work = _tmpfs_dir()
    try:
        start = time.perf_counter()
        pg_initdb(bin_dir, os.path.join(work, "data"))
        initdb_ms = (time.perf_counter() - start) * 1000.0
        serve_ms = pg_start_select_stop(bin_dir, work, os.path.join(work, "data"))
        return initdb_ms + serve_ms, initdb_ms
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- driver -------------------------------------------------------------------------

def summary(samples):
    return {"median_ms": round(statistics.median(samples), 2), "min_ms": round(min(samples), 2),
            "max_ms": round(max(samples), 2), "samples_ms": [round(s, 2) for s in samples]}


def measure(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    return [fn() for _ in range(runs)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--nano-bin")
    ap.add_argument("--pg-bin-dir", default="/usr/lib/postgresql/15/bin")
    ap.add_argument("--no-pg", action="store_true", help="measure heliosdb-nano only")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    nano_bin = find_nano_bin(args.nano_bin)
    results = {"benchmark": "startup to first answered SELECT 1", "runs": args.runs, "warmup": args.warmup,
               "target_ms": TARGET_MS, "nano_bin": nano_bin, "host": platform.node(),
               "cpus": os.cpu_count(), "kernel": platform.release()}
    rows = []

    with tempfile.NamedTemporaryFile(prefix="nano-startup-bench-", suffix=".log") as log:
        samples = measure(lambda: nano_run(nano_bin, log), args.runs, args.warmup)
    results["nano"] = summary([s[0] for s in samples])
    results["nano"]["until_ready_fd"] = summary([s[1] for s in samples])
    rows.append(("heliosdb-nano start --memory", results["nano"]))
    rows.append(("  of which until the ready fd", results["nano"]["until_ready_fd"]))

    if not args.no_pg:
        version = subprocess.run([os.path.join(args.pg_bin_dir, "postgres"), "--version"], capture_output=True,
                                 text=True, check=True).stdout.strip()
        results["pg_version"] = version
        samples = measure(lambda: pg_initdb_run(args.pg_bin_dir), args.runs, args.warmup)
        results["pg15_initdb_and_start"] = summary([s[0] for s in samples])
        results["pg15_initdb_and_start"]["initdb"] = summary([s[1] for s in samples])
        rows.append(("PostgreSQL 15 initdb + start (tmpfs)", results["pg15_initdb_and_start"]))
        rows.append(("  of which initdb", results["pg15_initdb_and_start"]["initdb"]))

        work = _tmpfs_dir()
        try:
            pg_initdb(args.pg_bin_dir, os.path.join(work, "data"))
            samples = measure(lambda: pg_start_select_stop(args.pg_bin_dir, work, os.path.join(work, "data")),
                              args.runs, args.warmup)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        results["pg15_start_prepared"] = summary(samples)
        rows.append(("PostgreSQL 15 start, prepared data dir (tmpfs)", results["pg15_start_prepared"]))

    width = max(len(name) for name, _ in rows)
    print("process start -> first answered SELECT 1 over TCP, %d runs (+%d warm-up), ms"
          % (args.runs, args.warmup))
    print("%-*s  %9s  %9s  %9s" % (width, "", "median", "min", "max"))
    for name, s in rows:
        print("%-*s  %9.2f  %9.2f  %9.2f" % (width, name, s["median_ms"], s["min_ms"], s["max_ms"]))
    verdict = "meets" if results["nano"]["median_ms"] < TARGET_MS else "misses"
    print("target: Nano median under %.0f ms -> %s" % (TARGET_MS, verdict))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
