"""Dump and restore of one table, Nano's `.heliodump` beside `pg_dump -Fc` / `pg_restore`.

bench/run calls dump_restore(). Both sides get the same table, loaded by
`psql COPY FROM STDIN` from the same file:

    dumped (id int PRIMARY KEY, cust int NOT NULL, amount numeric(12,2),
            note text, created timestamp)

PostgreSQL 15: a throwaway server of its own (PostgresServer: tmpfs, fsync,
synchronous_commit, full_page_writes off) holding the table in database
dump_src.
  dump      `pg_dump -Fc -t dumped -d dump_src -f F` (zlib, its default level)
  restore   `pg_restore -d restore_N F` into a database created empty just
            before (untimed): CREATE TABLE, COPY, then the primary key's index.
Nano: the table is loaded into `start --memory --dump-on-shutdown`, the
shutdown dump turned into a data directory on tmpfs by `restore` (untimed).
  dump      `heliosdb-nano dump --data-dir DIR --output F` (zstd level 3): opens
            the directory's RocksDB, reads every database at one snapshot.
  restore   `heliosdb-nano restore --input F --target NEW_DIR` on tmpfs: checks
            every section's and the whole file's CRC first, then writes the
            catalog and rows and rebuilds the primary key's index, then
            renames the directory into place.
  restore, in memory (no PostgreSQL counterpart; reported beside pg_restore):
            `heliosdb-nano start --memory --restore F` from spawn until the
            first `SELECT 1` is answered (NanoServer), i.e. verify + load +
            index build + server start.

Every figure is the wall time of one client process. Runs alternate
PostgreSQL and Nano (pg_dump, nano dump, pg_restore, nano restore, nano
restore in memory), after one untimed warm-up of each dump. MB/s is the dump
file's own size per second (the formats differ; rows/s is the comparable
figure). Checks, outside the timings: every Nano dump's end section holds the
table's row count; every database pg_restore filled and every in-memory Nano
restore answers the same count(*), sum(id) and sum(amount) as the source;
the last directory Nano restored is dumped again and holds every row.
"""

import os
import shutil
import struct
import subprocess
import tempfile
import time
from pathlib import Path

import benchlib
from benchlib import NanoServer, PostgresServer
from wire_bench import row

TABLE_DDL = ("CREATE TABLE dumped (id int PRIMARY KEY, cust int NOT NULL, amount numeric(12,2), "
             "note text, created timestamp)")
CHECK_QUERY = "SELECT count(*), sum(id), sum(amount) FROM dumped"
PG_DUMP = str(benchlib.PG_BIN / "pg_dump")
PG_RESTORE = str(benchlib.PG_BIN / "pg_restore")
NANO_TIMEOUT_S = 1800


def write_table_file(path, rows):
    """rows lines of COPY text for `dumped` (about 70 bytes a line)."""
    with open(path, "w") as out:
        chunk = 100000
        for start in range(1, rows + 1, chunk):
            stop = min(rows + 1, start + chunk)
            out.write("".join(
                "%d\t%d\t%d.%02d\tcustomer note number %d\t2026-%02d-%02d %02d:%02d:%02d\n" % (
                    i, i % 1000 + 1, (i * 7) % 100000, i % 100, i, i % 12 + 1, i % 28 + 1,
                    i % 24, i % 60, (i * 7) % 60)
                for i in range(start, stop)))


def _copy_in(env, dbname, data):
    with open(data, "rb") as stdin:
        benchlib.run_tool(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dbname,
                           "-c", "COPY dumped FROM STDIN"], env, stdin=stdin)


def _check(url):
    conn = benchlib.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(CHECK_QUERY)
            count, ids, amount = cur.fetchone()
    finally:
        conn.close()
    return int(count), int(ids), str(amount)


def _nano(nano_bin, *args):
    """Runs one heliosdb-nano command; returns its wall time in seconds."""
    started = time.perf_counter()
    result = subprocess.run([str(nano_bin), *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            timeout=NANO_TIMEOUT_S)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError("heliosdb-nano %s failed (exit %d):\n%s" % (
            " ".join(args), result.returncode,
            result.stdout.decode("utf-8", "replace")[-3000:]))
    return elapsed


def heliodump_rows(path):
    """Total rows from a .heliodump's end section (its last 20 bytes; docs/dump-format.md)."""
    with open(path, "rb") as f:
        f.seek(-20, os.SEEK_END)
        return struct.unpack("<Q", f.read(8))[0]


def _seed_nano(nano_bin, data, seed_dump, seed_dir):
    """Loads the table into a memory server, dumps it on shutdown, restores a data dir."""
    server = NanoServer(binary=nano_bin, startup_timeout=60.0,
                        log_path=seed_dir.parent / "nano-seed.log",
                        extra_args=("--dump-on-shutdown", "--dump-file", str(seed_dump)))
    with server:
        benchlib.execute(server.url, TABLE_DDL)
        _copy_in(benchlib.libpq_env(server.host, server.port), "postgres", data)
        source = _check(server.url)
        code = server.stop(grace=NANO_TIMEOUT_S)
    if code != 0:
        raise RuntimeError("heliosdb-nano --dump-on-shutdown exited %s:\n%s" % (
            code, server.log_tail()))
    _nano(nano_bin, "restore", "--input", str(seed_dump), "--target", str(seed_dir))
    return source


def _nano_memory_restore(nano_bin, dump_file):
    """Seconds from spawn of `start --memory --restore F` to the first answered SELECT 1."""
    server = NanoServer(binary=nano_bin, startup_timeout=NANO_TIMEOUT_S,
                        log_path=dump_file.parent / "nano-memory-restore.log",
                        extra_args=("--restore", str(dump_file)))
    started = time.perf_counter()
    server.start()  # returns once SELECT 1 was answered
    elapsed = time.perf_counter() - started
    try:
        check = _check(server.url)
    finally:
        server.stop(grace=60.0)
    return elapsed, check


def dump_restore(nano_bin, rows, runs):
    """Returns {"dump": row, "restore": row} (rows/s) with seconds, sizes and MB/s beside."""
    seconds = {key: [] for key in ("pg15_dump", "nano_dump", "pg15_restore", "nano_restore",
                                   "nano_memory_restore")}
    sizes = {"pg15": [], "nano": []}
    with tempfile.TemporaryDirectory(prefix="nano-dump-bench-", dir="/dev/shm") as tmp, \
            PostgresServer() as pg:
        work = Path(tmp)
        data = work / "dumped.tsv"
        write_table_file(data, rows)
        text_bytes = data.stat().st_size
        pg_env = benchlib.libpq_env(pg.host, pg.port)

        # The source table on both sides (untimed).
        benchlib.execute(pg.url, "CREATE DATABASE dump_src")
        benchlib.execute(pg.url_for("dump_src"), TABLE_DDL)
        _copy_in(pg_env, "dump_src", data)
        benchlib.execute(pg.url_for("dump_src"), "VACUUM ANALYZE dumped")
        source = _check(pg.url_for("dump_src"))
        if source[0] != rows:
            raise RuntimeError("PostgreSQL loaded %d rows, not %d" % (source[0], rows))
        nano_dir = work / "nano_src"
        nano_source = _seed_nano(nano_bin, data, work / "seed.heliodump", nano_dir)
        if nano_source != source:
            raise RuntimeError("Nano's table differs from PostgreSQL's: %r vs %r" % (
                nano_source, source))
        data.unlink()

        pg_file, nano_file = work / "dumped.pgdump", work / "dumped.heliodump"

        def pg_dump():
            if pg_file.exists():
                pg_file.unlink()
            elapsed, _ = benchlib.run_tool([PG_DUMP, "-Fc", "-t", "dumped", "-d", "dump_src",
                                            "-f", str(pg_file)], pg_env)
            return elapsed

        def nano_dump():
            if nano_file.exists():
                nano_file.unlink()
            elapsed = _nano(nano_bin, "dump", "--data-dir", str(nano_dir), "--output",
                            str(nano_file))
            found = heliodump_rows(nano_file)
            if found != rows:
                raise RuntimeError("Nano's dump holds %d rows, not %d" % (found, rows))
            return elapsed

        pg_dump()  # warm-up, untimed
        nano_dump()
        restored_dir = None
        for run in range(runs):
            seconds["pg15_dump"].append(pg_dump())
            sizes["pg15"].append(pg_file.stat().st_size)
            seconds["nano_dump"].append(nano_dump())
            sizes["nano"].append(nano_file.stat().st_size)

            target = "restore_%d" % run
            benchlib.execute(pg.url, "CREATE DATABASE %s" % target)
            elapsed, _ = benchlib.run_tool([PG_RESTORE, "-d", target, str(pg_file)], pg_env)
            seconds["pg15_restore"].append(elapsed)
            restored = _check(pg.url_for(target))
            benchlib.execute(pg.url, "DROP DATABASE %s" % target)
            if restored != source:
                raise RuntimeError("pg_restore: %r, source %r" % (restored, source))

            if restored_dir is not None:
                shutil.rmtree(restored_dir)
            restored_dir = work / ("nano_restore_%d" % run)
            seconds["nano_restore"].append(_nano(nano_bin, "restore", "--input", str(nano_file),
                                                 "--target", str(restored_dir)))

            elapsed, restored = _nano_memory_restore(nano_bin, nano_file)
            seconds["nano_memory_restore"].append(elapsed)
            if restored != source:
                raise RuntimeError("start --memory --restore: %r, source %r" % (restored, source))

        # The last restored directory holds every row (dumped again, untimed).
        again = work / "again.heliodump"
        _nano(nano_bin, "dump", "--data-dir", str(restored_dir), "--output", str(again))
        if heliodump_rows(again) != rows:
            raise RuntimeError("Nano's restored directory holds %d rows, not %d" % (
                heliodump_rows(again), rows))

    def per_s(values):
        return [rows / s for s in values]

    def mb_per_s(values, size):
        return [size[i] / 1e6 / s for i, s in enumerate(values)]

    common = dict(rows=rows, text_mb=text_bytes / 1e6,
                  pg15_file_mb=[s / 1e6 for s in sizes["pg15"]],
                  nano_file_mb=[s / 1e6 for s in sizes["nano"]])
    dump = row(per_s(seconds["nano_dump"]), per_s(seconds["pg15_dump"]), "rows/s", True,
               nano_s=seconds["nano_dump"], pg15_s=seconds["pg15_dump"],
               nano_mb_per_s=mb_per_s(seconds["nano_dump"], sizes["nano"]),
               pg15_mb_per_s=mb_per_s(seconds["pg15_dump"], sizes["pg15"]),
               note="pg_dump -Fc -t (zlib) vs heliosdb-nano dump --data-dir (zstd 3); "
                    "MB/s of each side's own file",
               **common)
    restore = row(per_s(seconds["nano_restore"]), per_s(seconds["pg15_restore"]), "rows/s", True,
                  nano_s=seconds["nano_restore"], pg15_s=seconds["pg15_restore"],
                  nano_mb_per_s=mb_per_s(seconds["nano_restore"], sizes["nano"]),
                  pg15_mb_per_s=mb_per_s(seconds["pg15_restore"], sizes["pg15"]),
                  nano_memory_s=seconds["nano_memory_restore"],
                  nano_memory=per_s(seconds["nano_memory_restore"]),
                  nano_memory_mb_per_s=mb_per_s(seconds["nano_memory_restore"], sizes["nano"]),
                  note="pg_restore into an empty database vs heliosdb-nano restore --target "
                       "(a new data dir); both build the primary key's index",
                  **common)
    return {"dump": dump, "restore": restore}

