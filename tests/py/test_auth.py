"""Authentication: trust, password, md5, SCRAM-SHA-256 through psql (libpq),
psycopg2 and psycopg 3; wrong passwords are 28P01 and close the connection."""
import os
import socket
import subprocess

import psycopg
import psycopg2
import pytest

from nano_e2e import error_fields, read_messages, start_server, startup_packet

METHODS = ["password", "md5", "scram-sha-256"]


@pytest.fixture(scope="module", params=METHODS)
def auth_server(request):
    s = start_server(["--auth", request.param, "--password", "s3cret"])
    s.method = request.param
    yield s
    s.stop()


def psql(server, password, user="postgres", sql="SELECT 1"):
    env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="20")
    return subprocess.run(["psql", "-X", "-w", "-h", "127.0.0.1", "-p", str(server.port), "-U", user, "-d",
                           "postgres", "-Atc", sql], capture_output=True, text=True, timeout=60, env=env)


def test_psql_right_password(auth_server):
    r = psql(auth_server, "s3cret")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "1\n"


def test_psql_wrong_password(auth_server):
    r = psql(auth_server, "wrong")
    assert r.returncode == 2
    assert 'FATAL:  password authentication failed for user "postgres"' in r.stderr


def test_psql_unknown_user_same_message(auth_server):
    r = psql(auth_server, "s3cret", user="mallory")
    assert r.returncode == 2
    assert 'FATAL:  password authentication failed for user "mallory"' in r.stderr


def test_psycopg2_login(auth_server):
    conn = psycopg2.connect(host="127.0.0.1", port=auth_server.port, user="postgres", dbname="postgres",
                            password="s3cret")
    cur = conn.cursor()
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    conn.close()
    with pytest.raises(psycopg2.OperationalError) as e:
        psycopg2.connect(host="127.0.0.1", port=auth_server.port, user="postgres", dbname="postgres",
                         password="nope")
    assert 'password authentication failed for user "postgres"' in str(e.value)


def test_psycopg3_sqlstate_28P01(auth_server):
    with psycopg.connect(host="127.0.0.1", port=auth_server.port, user="postgres", dbname="postgres",
                         password="s3cret") as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(psycopg.OperationalError) as e:
        psycopg.connect(host="127.0.0.1", port=auth_server.port, user="postgres", dbname="postgres",
                        password="bad")
    assert "password authentication failed" in str(e.value)


def test_wrong_password_raw_28P01_and_close():
    """Cleartext method on a raw socket: exact SQLSTATE, then the server closes."""
    s = start_server(["--auth", "password", "--password", "s3cret"])
    try:
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        sock.sendall(startup_packet())
        msgs = read_messages(sock, until=b"R")
        assert msgs[-1] == ("R", b"\x00\x00\x00\x03")
        body = b"wrong\x00"
        sock.sendall(b"p" + (len(body) + 4).to_bytes(4, "big") + body)
        msgs = read_messages(sock)
        assert [t for t, _ in msgs] == ["E"]
        f = error_fields(msgs[0][1])
        assert (f["S"], f["C"]) == ("FATAL", "28P01")
        assert sock.recv(1) == b""  # closed
        sock.close()
    finally:
        s.stop()


def test_scram_mechanism_advertised():
    s = start_server(["--auth", "scram-sha-256", "--password", "s3cret"])
    try:
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        sock.sendall(startup_packet())
        msgs = read_messages(sock, until=b"R")
        assert msgs[-1] == ("R", b"\x00\x00\x00\x0aSCRAM-SHA-256\x00\x00")
        sock.close()
    finally:
        s.stop()


def test_password_file(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("from-file\nsecond line ignored\n")
    s = start_server(["--auth", "scram-sha-256", "--password-file", str(pw)])
    try:
        assert psql(s, "from-file").stdout == "1\n"
        assert psql(s, "second line ignored").returncode == 2
    finally:
        s.stop()


def test_custom_user(tmp_path):
    s = start_server(["--auth", "md5", "--user", "alice", "--password", "pw"])
    try:
        r = psql(s, "pw", user="alice")
        assert r.returncode == 0, r.stderr
        assert psql(s, "pw", user="postgres").returncode == 2
        assert s.url.startswith("postgresql://alice@127.0.0.1:")
    finally:
        s.stop()


def test_trust_unknown_role_28000(server):
    with pytest.raises(psycopg2.OperationalError) as e:
        psycopg2.connect(host="127.0.0.1", port=server.port, user="nobody", dbname="postgres")
    assert 'role "nobody" does not exist' in str(e.value)
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=20)
    sock.sendall(startup_packet("nobody", "postgres"))
    msgs = read_messages(sock)
    assert error_fields(msgs[-1][1])["C"] == "28000"
    sock.close()


def test_trust_needs_no_password(server):
    r = psql(server, "")
    assert r.returncode == 0 and r.stdout == "1\n"
