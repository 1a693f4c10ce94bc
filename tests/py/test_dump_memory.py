"""Dump and restore stream in bounded memory (issue 5).

A dump whose rows hold ~200 MB is restored and dumped again; the peak RSS
of each command may exceed that of the same command on a 500-row dump by
far less than the data's size (the remainder is RocksDB's own, bounded,
caches and memtables).
"""
import os
import signal
import subprocess

import psycopg2

from nano_e2e import NANO_BIN, start_server

ROWS = 500_000
ROW_TEXT_BYTES = 384  # repeat(md5, 12)
GROWTH_BOUND_KB = 64 * 1024


def make_dump(path, rows, width):
    s = start_server(["--no-http", "--dump-on-shutdown", "--dump-file", str(path)])
    conn = psycopg2.connect(s.dsn())
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE big (id integer PRIMARY KEY, a text)")
        cur.execute(f"INSERT INTO big SELECT g, repeat(md5(g::text), {width}) FROM generate_series(1, {rows}) g")
    conn.close()
    assert s.stop(sig=signal.SIGINT, timeout=120) == 0, s.log()


def peak_rss_kb(*args):
    """Runs heliosdb-nano with args; returns (exit code, peak RSS in KB) of that process alone."""
    p = subprocess.Popen([NANO_BIN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.returncode == 0, err
    return usage.ru_maxrss


def test_restore_and_dump_peak_rss_does_not_grow_with_the_data(tmp_path):
    small, big = tmp_path / "small.heliodump", tmp_path / "big.heliodump"
    make_dump(small, 500, 12)
    make_dump(big, ROWS, 12)
    payload = ROWS * ROW_TEXT_BYTES
    assert payload > 2.5 * GROWTH_BOUND_KB * 1024
    base_restore = peak_rss_kb("restore", "--input", str(small), "--target", str(tmp_path / "s"))
    big_restore = peak_rss_kb("restore", "--input", str(big), "--target", str(tmp_path / "b"))
    assert big_restore - base_restore < GROWTH_BOUND_KB, (base_restore, big_restore)
    base_dump = peak_rss_kb("dump", "--data-dir", str(tmp_path / "s"), "--output", str(tmp_path / "s2.heliodump"))
    big_dump = peak_rss_kb("dump", "--data-dir", str(tmp_path / "b"), "--output", str(tmp_path / "b2.heliodump"))
    assert big_dump - base_dump < GROWTH_BOUND_KB, (base_dump, big_dump)
