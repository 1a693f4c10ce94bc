"""PostgreSQL wire protocol through real clients (psql, psycopg2, psycopg 3)
and raw sockets (malformed input must never hurt the server or other clients)."""
import io
import os
import socket
import struct
import subprocess
import threading

import psycopg
import psycopg2
import psycopg2.errors
import pytest

from nano_e2e import error_fields, message, raw_connect, read_messages, start_server, startup_packet


def psql(server, *args, input=None, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(["psql", "-X", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres",
                           "-d", "postgres", *args], capture_output=True, text=True, input=input, timeout=60,
                          env=e)


def test_psql_simple_query(shared_server):
    r = psql(shared_server, "-Atc", "SELECT 1")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "1\n"


def test_psql_sslmode_prefer_falls_back_to_plain(shared_server):
    r = subprocess.run(["psql", "-X", f"{shared_server.url}?sslmode=prefer", "-Atc", "SELECT 2"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2\n"
    r = subprocess.run(["psql", "-X", f"{shared_server.url}?sslmode=require", "-Atc", "SELECT 2"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "does not support SSL" in r.stderr


def test_psql_multi_statement_and_errors(shared_server):
    r = psql(shared_server, "-v", "ON_ERROR_STOP=1", "-Atc",
             "CREATE TABLE wire_ms (id INT); INSERT INTO wire_ms VALUES (1); INSERT INTO wire_ms VALUES (2); "
             "SELECT count(*) FROM wire_ms")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "2"
    r = psql(shared_server, "-Atc", "SELECT * FROM no_such_table")
    assert r.returncode == 1
    assert 'ERROR:  relation "no_such_table" does not exist' in r.stderr


def test_psycopg2_queries_and_sqlstate(shared_server):
    conn = psycopg2.connect(shared_server.url)
    cur = conn.cursor()
    cur.execute("CREATE TABLE wire_p2 (id INT, name TEXT)")
    cur.execute("INSERT INTO wire_p2 VALUES (%s, %s)", (1, "Alice"))
    cur.execute("INSERT INTO wire_p2 VALUES (%s, %s)", (2, None))
    conn.commit()
    cur.execute("SELECT id, name FROM wire_p2 WHERE id >= %s ORDER BY id", (1,))
    assert cur.fetchall() == [(1, "Alice"), (2, None)]
    assert [d.name for d in cur.description] == ["id", "name"]
    assert cur.description[0].type_code == 23 and cur.description[1].type_code == 25
    with pytest.raises(psycopg2.errors.UndefinedTable) as e:
        cur.execute("SELECT * FROM missing_table")
    assert e.value.pgcode == "42P01"
    # psycopg2 opened a transaction: it is now failed until rollback.
    with pytest.raises(psycopg2.errors.InFailedSqlTransaction):
        cur.execute("SELECT 1")
    conn.rollback()
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    conn.close()


def test_transaction_status(shared_server):
    conn = psycopg2.connect(shared_server.url)
    ext = psycopg2.extensions
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    cur = conn.cursor()
    cur.execute("SELECT 1")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INTRANS
    with pytest.raises(psycopg2.Error):
        cur.execute("SELECT * FROM missing_table")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    conn.close()


def test_parameter_status_reports_server_version(shared_server):
    conn = psycopg2.connect(shared_server.url)
    assert conn.server_version // 10000 == 15
    assert conn.get_parameter_status("server_encoding") == "UTF8"
    assert conn.get_parameter_status("client_encoding") == "UTF8"
    conn.close()


def test_psycopg3_extended_protocol(shared_server):
    with psycopg.connect(shared_server.url, autocommit=True) as conn:
        conn.execute("CREATE TABLE wire_p3 (id INT, name TEXT)")
        for i in range(5):
            conn.execute("INSERT INTO wire_p3 VALUES (%s, %s)", (i, f"n{i}"))
        rows = conn.execute("SELECT id, name FROM wire_p3 WHERE id > %s ORDER BY id", (2,)).fetchall()
        assert rows == [(3, "n3"), (4, "n4")]
        # Named prepared statements (prepare=True) and binary results.
        for _ in range(3):
            cur = conn.execute("SELECT name FROM wire_p3 WHERE id = %s", (1,), prepare=True)
            assert cur.fetchone() == ("n1",)
        cur = conn.cursor(binary=True)
        cur.execute("SELECT id FROM wire_p3 WHERE id = %s", (4,))
        assert cur.fetchone() == (4,)
        with pytest.raises(psycopg.errors.UndefinedTable):
            conn.execute("SELECT * FROM missing_table WHERE id = %s", (1,))
        # The session recovered at Sync.
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_psycopg3_pipeline(shared_server):
    with psycopg.connect(shared_server.url, autocommit=True) as conn:
        with conn.pipeline():
            curs = [conn.execute("SELECT %s::int", (i,)) for i in range(10)]
        assert [c.fetchone()[0] for c in curs] == list(range(10))


def test_copy_from_stdin_and_to_stdout(shared_server):
    conn = psycopg2.connect(shared_server.url)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE wire_copy (id INT, name TEXT)")
    cur.copy_expert("COPY wire_copy FROM STDIN", io.StringIO("1\ta\n2\tb\n3\t\\N\n"))
    cur.execute("SELECT count(*) FROM wire_copy")
    assert cur.fetchone() == (3,)
    out = io.StringIO()
    cur.copy_expert("COPY wire_copy TO STDOUT", out)
    assert sorted(out.getvalue().splitlines()) == ["1\ta", "2\tb", "3\t\\N"]
    conn.close()


def test_max_connections_53300():
    s = start_server(["--max-connections", "2"])
    try:
        a = psycopg2.connect(s.url)
        b = psycopg2.connect(s.url)
        with pytest.raises(psycopg2.OperationalError) as e:
            psycopg2.connect(s.url)
        assert "sorry, too many clients already" in str(e.value)
        a.close()
        # A slot is free again once a client leaves (bounded retries: the
        # server thread releases the slot right after the socket closes).
        c = None
        for _ in range(2000):
            try:
                c = psycopg2.connect(s.url)
                break
            except psycopg2.OperationalError:
                continue
        assert c is not None
        c.close()
        b.close()
    finally:
        assert s.stop() == 0


def test_max_connections_raw_sqlstate():
    s = start_server(["--max-connections", "1"])
    try:
        first = raw_connect(s.port)
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        sock.sendall(startup_packet())
        msgs = read_messages(sock)
        assert msgs[0][0] == "E"
        f = error_fields(msgs[0][1])
        assert f["S"] == "FATAL" and f["C"] == "53300"
        sock.close()
        first.close()
    finally:
        s.stop()


def test_100_concurrent_connections(shared_server):
    errors = []
    results = []
    barrier = threading.Barrier(100, timeout=60)

    def worker(i):
        try:
            conn = psycopg2.connect(shared_server.url)
            barrier.wait()  # all 100 connected at the same time
            cur = conn.cursor()
            cur.execute("SELECT %s", (i,))
            results.append(cur.fetchone()[0])
            conn.close()
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(results) == list(range(100))


def test_unknown_database_3D000(shared_server):
    with pytest.raises(psycopg2.OperationalError) as e:
        psycopg2.connect(host="127.0.0.1", port=shared_server.port, user="postgres", dbname="nope")
    assert 'database "nope" does not exist' in str(e.value)


def test_cancel_long_query(shared_server):
    conn = psycopg2.connect(shared_server.url)
    conn.autocommit = True
    cur = conn.cursor()
    timer = threading.Timer(0.5, conn.cancel)
    timer.start()
    with pytest.raises(psycopg2.errors.QueryCanceled) as e:
        cur.execute("SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 1000) b")
    timer.join()
    assert e.value.pgcode == "57014"
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    conn.close()


# --- malformed input ------------------------------------------------------------

def _fuzz_cases():
    q_ok = message(b"Q", b"SELECT 1\x00")
    return {
        "truncated_header": q_ok[:3],
        "truncated_body": q_ok[:-3],
        "oversized_length": b"Q" + struct.pack("!I", 0x40000000) + b"SELECT",
        "negative_length": b"Q" + struct.pack("!i", -5),
        "tiny_length": b"Q" + struct.pack("!i", 2),
        "garbage_type": message(b"\x01", b"junk"),
        "garbage_bytes": os.urandom(64),
        "bind_before_parse": message(b"B", b"\x00nosuch\x00\x00\x00\x00\x00\x00\x00") + message(b"S"),
        "execute_unknown_portal": message(b"E", b"nope\x00\x00\x00\x00\x00") + message(b"S"),
        "invalid_utf8_query": message(b"Q", b"SELECT '\xc3\x28'\x00"),
        "query_without_nul": message(b"Q", b"SELECT 1"),
        "parse_bad_param_count": message(b"P", b"\x00SELECT 1\x00\xff\xff") + message(b"S"),
        "describe_bad_kind": message(b"D", b"Zx\x00") + message(b"S"),
        "copy_data_out_of_place": message(b"d", b"1\t2\n") + message(b"c") + message(b"f", b"x\x00") + message(b"S"),
    }


@pytest.mark.parametrize("case", sorted(_fuzz_cases().keys()))
def test_fuzz_after_startup(case, shared_server):
    healthy = psycopg2.connect(shared_server.url)
    healthy.autocommit = True
    sock = raw_connect(shared_server.port)
    sock.sendall(_fuzz_cases()[case])
    sock.shutdown(socket.SHUT_WR)  # whatever was announced never comes: EOF
    msgs = read_messages(sock)
    for t, body in msgs:
        assert t in ("E", "Z", "N"), (t, body)
        if t == "E":
            f = error_fields(body)
            assert len(f.get("C", "")) == 5
    if case == "invalid_utf8_query":
        f = error_fields(msgs[0][1])
        assert f["C"] == "22021"
        assert f["M"] == 'invalid byte sequence for encoding "UTF8": 0xc3 0x28'
    if case == "bind_before_parse":
        assert error_fields(msgs[0][1])["C"] == "26000"
    if case in ("oversized_length", "negative_length", "tiny_length", "garbage_type"):
        assert error_fields(msgs[0][1])["C"] == "08P01"
    sock.close()
    cur = healthy.cursor()
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    healthy.close()


@pytest.mark.parametrize("packet", [
    b"\x00\x00\x00\x03",                                   # length below minimum
    struct.pack("!i", 0x7fffffff) + b"\x00\x03\x00\x00",    # huge startup length
    struct.pack("!i", 12) + struct.pack("!i", 196608) + b"user",  # no terminators
    struct.pack("!i", 8) + struct.pack("!i", 196608),       # no user
    struct.pack("!i", 8) + struct.pack("!i", 0x00020000),   # protocol 2
    os.urandom(32),
])
def test_fuzz_startup(packet, shared_server):
    sock = socket.create_connection(("127.0.0.1", shared_server.port), timeout=20)
    sock.sendall(packet)
    sock.shutdown(socket.SHUT_WR)
    msgs = read_messages(sock)
    assert all(t == "E" for t, _ in msgs) or msgs == [] or msgs[0][0] == "N"
    sock.close()
    assert psql(shared_server, "-Atc", "SELECT 1").stdout == "1\n"


def test_one_gigabyte_claim_does_not_allocate(shared_server):
    """Many clients claiming 1 GiB messages at once must not exhaust memory."""
    socks = []
    for _ in range(20):
        s = raw_connect(shared_server.port)
        s.sendall(b"Q" + struct.pack("!I", 0x3fffffff) + b"SELECT ")
        socks.append(s)
    assert psql(shared_server, "-Atc", "SELECT 1").stdout == "1\n"
    for s in socks:
        s.close()


def test_ssl_request_answered_n(shared_server):
    sock = socket.create_connection(("127.0.0.1", shared_server.port), timeout=20)
    sock.sendall(struct.pack("!ii", 8, 80877103))
    assert sock.recv(1) == b"N"
    sock.sendall(startup_packet())
    msgs = read_messages(sock)
    assert msgs[-1] == ("Z", b"I")
    assert "K" in [t for t, _ in msgs]
    sock.sendall(message(b"X"))
    sock.close()


# --- protocol details through the real engine -------------------------------------

def _extended(sock, sql, max_rows, executes):
    """Parse/Bind/Describe then `executes` Execute messages with a row limit, then Sync."""
    out = message(b"P", b"\x00" + sql.encode() + b"\x00\x00\x00")
    out += message(b"B", b"\x00\x00\x00\x00\x00\x00\x00\x00")
    out += message(b"D", b"P\x00")
    for _ in range(executes):
        out += message(b"E", b"\x00" + struct.pack("!i", max_rows))
    out += message(b"S")
    sock.sendall(out)
    return read_messages(sock)


def test_execute_row_limit_portal_suspended(shared_server):
    sock = raw_connect(shared_server.port)
    msgs = _extended(sock, "SELECT * FROM generate_series(1, 5)", 2, 3)
    types = "".join(t for t, _ in msgs)
    # ParseComplete, BindComplete, RowDescription, then 2+2+1 rows with two
    # suspensions and the final CommandComplete.
    assert types == "12TDDsDDsDCZ", types
    assert msgs[-2][1] == b"SELECT 5\x00" or msgs[-2][1].startswith(b"SELECT")
    sock.close()


def test_error_position_and_notice(shared_server):
    conn = psycopg2.connect(shared_server.url)
    conn.autocommit = True
    cur = conn.cursor()
    with pytest.raises(psycopg2.errors.UndefinedTable) as e:
        cur.execute("SELECT 1 FROM nowhere")
    assert e.value.diag.statement_position == "15"
    assert e.value.diag.severity == "ERROR"
    cur.execute("DROP TABLE IF EXISTS never_there")
    assert any("does not exist, skipping" in n for n in conn.notices), conn.notices
    conn.close()


def test_parameter_status_on_set(shared_server):
    conn = psycopg2.connect(shared_server.url)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SET application_name = 'wire-test'")
    assert conn.get_parameter_status("application_name") == "wire-test"
    conn.close()


def test_binary_parameters_psycopg3(shared_server):
    with psycopg.connect(shared_server.url, autocommit=True) as conn:
        row = conn.execute("SELECT %b::int + 1, %b::text", (41, "bin")).fetchone()
        assert row == (42, "bin")


def test_empty_query(shared_server):
    sock = raw_connect(shared_server.port)
    sock.sendall(message(b"Q", b"\x00"))
    assert [t for t, _ in read_messages(sock)] == ["I", "Z"]
    sock.close()


def test_shutdown_cancels_running_statement_after_grace():
    s = start_server()
    conn = psycopg2.connect(s.url)
    conn.autocommit = True
    errors = []

    def run():
        try:
            conn.cursor().execute(
                "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 1000) b")
        except psycopg2.Error as e:
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    # Make sure the statement is running (the server answers health first).
    other = psycopg2.connect(s.url)
    other.close()
    assert s.stop(timeout=60) == 0
    t.join(timeout=60)
    assert len(errors) == 1
    assert errors[0].pgcode in ("57014", "57P01", None)


def test_random_message_sequences_never_hurt_the_server(shared_server):
    """Seeded fuzz: well-framed messages of random types with random bodies."""
    import random
    rng = random.Random(20261124)
    types = [b"P", b"B", b"D", b"E", b"C", b"S", b"H", b"Q", b"d", b"c", b"f", b"F", b"p"]
    healthy = psycopg2.connect(shared_server.url)
    healthy.autocommit = True
    for round_no in range(200):
        sock = raw_connect(shared_server.port)
        payload = b""
        for _ in range(rng.randint(1, 12)):
            t = rng.choice(types)
            body = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40)))
            if rng.random() < 0.5:
                body = body.replace(b"\x00", b"") + b"\x00"  # often a plausible C string
            payload += message(t, body)
        payload += message(b"S") + message(b"X")
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        msgs = read_messages(sock, until=None)  # read to EOF
        for t, body in msgs:
            assert t in ("E", "Z", "N", "1", "2", "3", "n", "t", "T", "D", "C", "I", "s", "S", "G", "H"), (round_no, t)
        sock.close()
        cur = healthy.cursor()
        cur.execute("SELECT %s", (round_no,))
        assert cur.fetchone() == (round_no,)
    healthy.close()
