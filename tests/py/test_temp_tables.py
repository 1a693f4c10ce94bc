"""Temporary tables die with the session that created them, on the real
server over the wire (PostgreSQL's CREATE TEMP TABLE lifetime), whether the
client disconnects cleanly or the transaction that created them committed.
Session-private visibility (pg_temp schemas) is not implemented yet; this
test covers the lifetime only."""
import socket

import pytest

from nano_e2e import start_server

psycopg2 = pytest.importorskip("psycopg2")


@pytest.fixture(scope="module")
def server():
    s = start_server()
    yield s
    s.stop()


def close_and_wait(conn):
    """Closes a psycopg2 connection and waits until the server has finished
    the session: it ends the session (dropping temp tables) before it closes
    the socket, so EOF on a duplicate of the socket is the signal."""
    sock = socket.fromfd(conn.fileno(), socket.AF_INET, socket.SOCK_STREAM)
    conn.close()  # sends Terminate
    sock.settimeout(30)
    try:
        while sock.recv(4096):
            pass
    finally:
        sock.close()


def relations(url, name):
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT relname FROM pg_class WHERE relname = %s", (name,))
            return [r[0] for r in cur.fetchall()]
    finally:
        conn.close()


def test_temp_table_is_dropped_when_its_session_ends(server):
    conn = psycopg2.connect(server.url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE tt_session (a int PRIMARY KEY, b serial)")
        cur.execute("INSERT INTO tt_session (a) VALUES (1)")
        cur.execute("CREATE TABLE kept (a int)")
    assert relations(server.url, "tt_session") == ["tt_session"]  # alive while connected
    close_and_wait(conn)
    # A later session sees it gone and may create its own table of that name.
    conn2 = psycopg2.connect(server.url)
    conn2.autocommit = True
    try:
        with conn2.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_class WHERE relname = 'tt_session'")
            assert cur.fetchone()[0] == 0
            cur.execute("CREATE TEMP TABLE tt_session (x text)")
            cur.execute("SELECT count(*) FROM pg_class WHERE relname = 'kept'")
            assert cur.fetchone()[0] == 1  # permanent tables stay
    finally:
        conn2.close()


def test_rolled_back_temp_table_leaves_nothing(server):
    conn = psycopg2.connect(server.url)
    with conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE tt_rolled (a int)")
    conn.rollback()
    close_and_wait(conn)
    assert relations(server.url, "tt_rolled") == []
