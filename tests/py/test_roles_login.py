"""Roles created with CREATE ROLE ... LOGIN PASSWORD log in over the wire with the
server's configured method (their verifiers are stored like PostgreSQL's
rolpassword), through psql (libpq), psycopg2 and psycopg 3; roles without LOGIN,
wrong passwords and dropped roles are refused."""
import io
import os
import subprocess

import psycopg
import psycopg2
import pytest

from nano_e2e import start_server

METHODS = ["trust", "password", "md5", "scram-sha-256"]


@pytest.fixture(scope="module", params=METHODS)
def server(request):
    args = ["--auth", request.param]
    if request.param != "trust":
        args += ["--password", "admin-pw"]
    s = start_server(args)
    s.method = request.param
    admin = psycopg2.connect(host="127.0.0.1", port=s.port, user="postgres", dbname="postgres",
                             password="admin-pw")
    admin.autocommit = True
    cur = admin.cursor()
    # Under md5 the verifier must be md5 for an md5 exchange; SCRAM
    # verifiers are used with SCRAM even under md5, as PostgreSQL does.
    cur.execute("CREATE ROLE regress_app LOGIN PASSWORD 'app-pw'")
    cur.execute("SET password_encryption = 'md5'")
    cur.execute("CREATE ROLE regress_legacy LOGIN PASSWORD 'legacy-pw'")
    cur.execute("RESET password_encryption")
    cur.execute("CREATE ROLE regress_nologin PASSWORD 'x-pw'")
    cur.execute("CREATE TABLE notes (id int, body text)")
    cur.execute("INSERT INTO notes VALUES (1, 'hello')")
    cur.execute("GRANT SELECT ON notes TO regress_app")
    s.admin = admin
    yield s
    admin.close()
    s.stop()


def psql(server, user, password, sql):
    env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="20")
    return subprocess.run(["psql", "-X", "-w", "-h", "127.0.0.1", "-p", str(server.port), "-U", user, "-d",
                           "postgres", "-Atc", sql], capture_output=True, text=True, timeout=60, env=env)


def test_verifiers_stored_like_postgres(server):
    cur = server.admin.cursor()
    cur.execute("SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE 'regress%' ORDER BY 1")
    rows = dict(cur.fetchall())
    assert rows["regress_app"].startswith("SCRAM-SHA-256$4096:")
    assert rows["regress_legacy"].startswith("md5") and len(rows["regress_legacy"]) == 35


def test_psql_login_as_created_role(server):
    r = psql(server, "regress_app", "app-pw", "SELECT current_user, session_user, body FROM notes")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "regress_app|regress_app|hello\n"


def test_created_role_privileges_apply(server):
    r = psql(server, "regress_app", "app-pw", "INSERT INTO notes VALUES (2, 'x')")
    assert r.returncode == 1
    assert "permission denied for table notes" in r.stderr


def test_md5_verifier_login(server):
    r = psql(server, "regress_legacy", "legacy-pw", "SELECT current_user")
    if server.method == "scram-sha-256":
        # An md5 verifier cannot answer a SCRAM exchange (PostgreSQL fails it too).
        assert r.returncode == 2
        assert 'password authentication failed for user "regress_legacy"' in r.stderr
    else:
        assert r.returncode == 0, r.stderr
        assert r.stdout == "regress_legacy\n"


def test_wrong_password_refused(server):
    r = psql(server, "regress_app", "wrong", "SELECT 1")
    if server.method == "trust":
        assert r.returncode == 0, r.stderr
    else:
        assert r.returncode == 2
        assert 'password authentication failed for user "regress_app"' in r.stderr


def test_nologin_role_refused(server):
    r = psql(server, "regress_nologin", "x-pw", "SELECT 1")
    assert r.returncode == 2
    assert 'role "regress_nologin" is not permitted to log in' in r.stderr


def test_psycopg2_and_psycopg3_login(server):
    conn = psycopg2.connect(host="127.0.0.1", port=server.port, user="regress_app", dbname="postgres",
                            password="app-pw")
    cur = conn.cursor()
    cur.execute("SELECT current_user")
    assert cur.fetchone() == ("regress_app",)
    conn.close()
    with psycopg.connect(host="127.0.0.1", port=server.port, user="regress_app", dbname="postgres",
                         password="app-pw") as c3:
        assert c3.execute("SELECT count(*) FROM notes").fetchone() == (1,)


def test_dropped_role_cannot_log_in(server):
    cur = server.admin.cursor()
    cur.execute("CREATE ROLE regress_temp LOGIN PASSWORD 'temp-pw'")
    assert psql(server, "regress_temp", "temp-pw", "SELECT 1").returncode == 0
    cur.execute("DROP ROLE regress_temp")
    r = psql(server, "regress_temp", "temp-pw", "SELECT 1")
    assert r.returncode == 2
    if server.method == "trust":
        assert 'role "regress_temp" does not exist' in r.stderr
    else:
        assert 'password authentication failed for user "regress_temp"' in r.stderr


def test_copy_follows_privileges_and_policies(server):
    cur = server.admin.cursor()
    cur.execute("CREATE TABLE secrets (id int, tag text)")
    cur.execute("INSERT INTO secrets VALUES (1, 'public'), (2, 'hidden')")
    cur.execute("GRANT SELECT, INSERT ON secrets TO regress_app")
    cur.execute("ALTER TABLE secrets ENABLE ROW LEVEL SECURITY")
    cur.execute("CREATE POLICY only_public ON secrets USING (tag = 'public')")
    try:
        conn = psycopg2.connect(host="127.0.0.1", port=server.port, user="regress_app", dbname="postgres",
                                password="app-pw")

        out = io.StringIO()
        conn.cursor().copy_expert("COPY secrets TO STDOUT", out)
        assert out.getvalue() == "1\tpublic\n"
        with pytest.raises(psycopg2.errors.FeatureNotSupported):
            conn.cursor().copy_expert("COPY secrets FROM STDIN", io.StringIO("3\tx\n"))
        conn.rollback()
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            conn.cursor().copy_expert("COPY notes FROM STDIN", io.StringIO("3\tx\n"))
        conn.close()
    finally:
        cur.execute("DROP TABLE secrets")
