"""The two sides of a differential run, and bounded statement execution.

Contract:
  * Side wraps one server (a real PostgreSQL 15 from
    pytest_heliosdb_nano.pg.PostgresServer, or a Nano memory server from
    pytest_heliosdb_nano.server.NanoServer) behind the few operations the
    runners need: start/stop/restart, fresh_database(name) -> URL, connect(url)
    and execute(conn, sql) -> Outcome. Nothing here raises on SQL failures or
    on a dead server: every failure is an Outcome (status "error" with its
    SQLSTATE, or "lost" when the connection or server went away).
  * Every statement is bounded: PostgreSQL sides use statement_timeout; on top
    of that, a per-side Watchdog sends a CancelRequest at the deadline and,
    for a Nano side, SIGKILLs the server after a further grace period so a
    hung server can never hang the run. The runner then restarts the side.
  * Rows are fetched as PostgreSQL's text form (a raw typecaster is installed
    for every built-in OID), so differences in value rendering are visible.
Thread-safety: a Side is driven from one thread; its Watchdog thread only
cancels/kills.
"""

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import psycopg2.extensions

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "fixtures" / "pytest"))

from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402
from pytest_heliosdb_nano.server import NanoServer  # noqa: E402

# Text form for every built-in type (user types above 16384 already come as text).
# Registered per connection: the process-wide table also serves the harness's own checks.
_RAW = psycopg2.extensions.new_type(tuple(range(1, 16384)), "NANO_COMPAT_RAW",
                                    lambda value, cursor: value)

_MAX_FAILED_STARTS = 3     # a binary that cannot start is not retried for every record
_MAX_CONSECUTIVE_LOST = 20 # a server that loses every statement is given up on
_MAX_FETCH_ROWS = 200000  # a runaway result is a failure, not an out-of-memory


@dataclass
class Outcome:
    """What one statement did on one side."""
    status: str                    # ok | error | lost
    tag: str = ""
    sqlstate: str = ""
    message: str = ""
    names: list = field(default_factory=list)
    oids: list = field(default_factory=list)
    rows: list = None              # list of tuples of str/None, or None when no result set

    def summary(self, limit=6):
        if self.status == "error":
            first_line = self.message.strip().splitlines()[0] if self.message.strip() else ""
            return "ERROR %s: %s" % (self.sqlstate, first_line)
        if self.status == "lost":
            return "CONNECTION LOST: %s" % self.message.strip()[:200]
        if self.rows is None:
            return "OK %s" % self.tag
        shown = "; ".join("|".join("NULL" if v is None else v for v in row) for row in self.rows[:limit])
        more = " ..." if len(self.rows) > limit else ""
        return "OK %s cols=%s types=%s rows=[%s%s]" % (self.tag, self.names, self.oids, shown, more)


class Watchdog:
    """One thread that fires `on_expire` when an armed deadline passes."""

    def __init__(self, name):
        self._cond = threading.Condition()
        self._deadline = None
        self._callback = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def arm(self, seconds, callback):
        with self._cond:
            self._deadline = time.monotonic() + seconds
            self._callback = callback
            self._cond.notify()

    def disarm(self):
        with self._cond:
            self._deadline = None
            self._callback = None

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _run(self):
        while True:
            with self._cond:
                while not self._closed and (self._deadline is None or time.monotonic() < self._deadline):
                    timeout = None if self._deadline is None else self._deadline - time.monotonic()
                    self._cond.wait(timeout)
                if self._closed:
                    return
                callback = self._callback
                self._deadline = None
                self._callback = None
            if callback is not None:
                try:
                    callback()
                except Exception:  # the watchdog must survive a failed cancel
                    pass


class Side:
    """One server of a differential run (see module contract)."""

    def __init__(self, label, kind, engine_names, nano_bin=None, statement_timeout_s=5.0, log_dir=None):
        assert kind in ("pg", "nano")
        self.label = label
        self.kind = kind
        self.engine_names = set(engine_names)
        self.nano_bin = nano_bin
        self.statement_timeout_s = statement_timeout_s
        self.log_dir = Path(log_dir) if log_dir else None
        self.server = None
        self.start_error = ""
        self.restarts = 0
        self.failed_starts = 0     # consecutive; after _MAX_FAILED_STARTS the side stays down
        self.consecutive_lost = 0
        self.given_up = ""         # why the side is no longer restarted
        self._db_counter = 0
        self._watchdog = Watchdog("compat-watchdog-" + label)

    # --- lifecycle -----------------------------------------------------------

    def start(self):
        """Starts the server; on failure remembers the reason and returns False."""
        if self.failed_starts >= _MAX_FAILED_STARTS:
            return False
        try:
            if self.kind == "pg":
                self.server = PostgresServer(settings={"max_connections": "40"}).start()
            else:
                log_path = None
                if self.log_dir is not None:
                    self.log_dir.mkdir(parents=True, exist_ok=True)
                    log_path = str(self.log_dir / ("nano-%s-%d.log" % (self.label, self.restarts)))
                self.server = NanoServer(binary=self.nano_bin, log_path=log_path, startup_timeout=15.0)
                self.server.start()
            self.start_error = ""
            self.failed_starts = 0
            return True
        except Exception as exc:  # any start failure is reported, never fatal to the run
            self.server = None
            self.failed_starts += 1
            self.start_error = "%s: %s" % (type(exc).__name__, exc)
            return False

    def stop(self):
        if self.server is not None:
            try:
                self.server.stop()
            except Exception:
                pass
            self.server = None

    def close(self):
        self.stop()
        self._watchdog.close()

    def give_up(self, reason):
        """Stops the side for the rest of the run: every later statement is lost at once."""
        self.given_up = reason
        self.failed_starts = _MAX_FAILED_STARTS
        self.start_error = self.start_error or reason
        self.stop()

    def restart(self):
        self.stop()
        if self.failed_starts >= _MAX_FAILED_STARTS:
            return False
        self.restarts += 1
        return self.start()

    def alive(self):
        return self.server is not None and self.server.is_running()

    def kill(self):
        """SIGKILL the server (a hung Nano); the next statement sees a lost connection."""
        if self.server is not None and self.server.pid:
            try:
                os.kill(self.server.pid, signal.SIGKILL)
            except OSError:
                pass

    @property
    def url(self):
        return self.server.url if self.server is not None else None

    # --- databases and connections ---------------------------------------------

    def fresh_database(self, prefix, exact=False):
        """A URL for a new, empty database; None when the server is down.

        The name is prefix_N, or prefix itself with exact=True (the caller makes
        sure it is new on this server). When the server cannot CREATE DATABASE
        (early Nano), a Nano side is restarted instead, which also yields an
        empty database.
        """
        if not self.alive() and not self.restart():
            return None
        self._db_counter += 1
        name = prefix if exact else "%s_%d" % (prefix, self._db_counter)
        conn = self.connect(self.server.url)
        if conn is not None:
            outcome = self.execute(conn, 'CREATE DATABASE "%s"' % name)
            _close(conn)
            if outcome.status == "ok":
                return self.server.url_for(name)
        if self.kind == "nano" and self.restart():
            return self.server.url
        return None

    def connect(self, url):
        if url is None:
            return None
        try:
            conn = psycopg2.connect(url, connect_timeout=max(2, int(self.statement_timeout_s)))
            conn.autocommit = True
            psycopg2.extensions.register_type(_RAW, conn)
        except psycopg2.Error:
            return None
        if self.kind == "pg":
            outcome = self.execute(conn, "SET statement_timeout = %d" % int(self.statement_timeout_s * 1000))
            if outcome.status != "ok":
                _close(conn)
                return None
        return conn

    # --- execution -----------------------------------------------------------

    def _expire(self, conn):
        threading.Thread(target=_cancel_quietly, args=(conn,), daemon=True).start()
        if self.kind == "nano":
            self._watchdog.arm(self.statement_timeout_s, self.kill)

    def execute(self, conn, sql):
        """Runs one SQL string; always returns an Outcome."""
        outcome = self._execute(conn, sql)
        if outcome.status != "lost":
            self.consecutive_lost = 0
        else:
            self.consecutive_lost += 1
            if self.consecutive_lost >= _MAX_CONSECUTIVE_LOST and not self.given_up:
                self.give_up("%d statements in a row lost their connection" % self.consecutive_lost)
        return outcome

    def _execute(self, conn, sql):
        if conn is None or conn.closed:
            return Outcome("lost", message="no connection (%s)" % (self.start_error or "server down"))
        # PostgreSQL enforces statement_timeout itself; the watchdog is the backstop.
        grace = 2.0 if self.kind == "pg" else 0.0
        self._watchdog.arm(self.statement_timeout_s + grace, lambda: self._expire(conn))
        try:
            cursor = conn.cursor()
            cursor.execute(sql)
            outcome = Outcome("ok", tag=cursor.statusmessage or "")
            if cursor.description is not None:
                outcome.names = [d.name for d in cursor.description]
                outcome.oids = [d.type_code for d in cursor.description]
                rows = cursor.fetchmany(_MAX_FETCH_ROWS + 1)
                if len(rows) > _MAX_FETCH_ROWS:
                    return Outcome("error", sqlstate="XXCMP", message="more than %d rows" % _MAX_FETCH_ROWS)
                outcome.rows = [tuple(row) for row in rows]
            cursor.close()
            return outcome
        except psycopg2.Error as exc:
            if exc.pgcode:
                return Outcome("error", sqlstate=exc.pgcode, message=str(exc.pgerror or exc))
            if conn.closed or isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError)):
                _close(conn)
                return Outcome("lost", message=str(exc))
            return Outcome("error", sqlstate="XXCMP", message=str(exc))
        except Exception as exc:  # e.g. undecodable bytes from a broken server
            return Outcome("error", sqlstate="XXCMP", message="%s: %s" % (type(exc).__name__, exc))
        finally:
            self._watchdog.disarm()


def _cancel_quietly(conn):
    try:
        conn.cancel()
    except Exception:
        pass


def _close(conn):
    try:
        conn.close()
    except Exception:
        pass


def make_sides(self_check, nano_bin, statement_timeout_s, log_dir):
    """(reference, candidate): PostgreSQL vs Nano, or PostgreSQL vs PostgreSQL."""
    reference = Side("postgres", "pg", {"postgresql"}, statement_timeout_s=statement_timeout_s)
    if self_check:
        candidate = Side("postgres-b", "pg", {"postgresql"}, statement_timeout_s=statement_timeout_s)
    else:
        # Nano answers to "postgresql" (the corpus's skipif/onlyif) and to its own names.
        candidate = Side("nano", "nano", {"postgresql", "nano", "heliosdb", "heliosdb-nano"},
                         nano_bin=nano_bin, statement_timeout_s=statement_timeout_s, log_dir=log_dir)
    return reference, candidate
