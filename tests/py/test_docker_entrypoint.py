"""The container's entrypoint rule and the health probe, without Docker.

scripts/docker-entrypoint is what the Dockerfile runs; it is a plain shell
script, so its rule is tested here against the real binary: trust auth on a
non-loopback listener is refused unless HELIOSDB_ALLOW_TRUST=1, and
HELIOSDB_PASSWORD switches to scram-sha-256 with that password.
`heliosdb-nano health` is the Dockerfile's HEALTHCHECK.
"""
import json
import os
import subprocess

import psycopg2
import pytest

from nano_e2e import NANO_BIN, ROOT, read_ready_line, run_cli, start_server

ENTRYPOINT = os.path.join(ROOT, "scripts", "docker-entrypoint")


def _env(**extra):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(NANO_BIN) + os.pathsep + env.get("PATH", "")
    env.pop("HELIOSDB_PASSWORD", None)
    env.pop("HELIOSDB_ALLOW_TRUST", None)
    env.update(extra)
    return env


def _start_via_entrypoint(env, *args):
    r, w = os.pipe()
    cmd = [ENTRYPOINT, "heliosdb-nano", "start", "--memory", "--port", "0", "--http-port", "0",
           "--ready-fd", str(w), "--exit-with-parent", *args]
    proc = subprocess.Popen(cmd, pass_fds=(w,), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(w)
    try:
        line = read_ready_line(r)
    finally:
        os.close(r)
    return proc, (json.loads(line) if line else None)


def test_trust_on_public_listener_is_refused():
    proc = subprocess.run([ENTRYPOINT, "heliosdb-nano", "start", "--memory", "--listen", "0.0.0.0"],
                          env=_env(), capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert "refusing trust authentication on a non-loopback listener" in proc.stderr


def test_password_enables_scram():
    proc, info = _start_via_entrypoint(_env(HELIOSDB_PASSWORD="s3cret pass"), "--listen", "0.0.0.0")
    try:
        assert info is not None, proc.stderr.read().decode()
        port = info["pg"]["port"]
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", password="s3cret pass",
                                dbname="postgres")
        with conn.cursor() as cur:
            cur.execute("select 1")
            assert cur.fetchone() == (1,)
        conn.close()
        with pytest.raises(psycopg2.OperationalError) as err:
            psycopg2.connect(host="127.0.0.1", port=port, user="postgres", password="wrong",
                             dbname="postgres")
        assert "password authentication failed" in str(err.value)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_explicit_allow_trust():
    proc, info = _start_via_entrypoint(_env(HELIOSDB_ALLOW_TRUST="1"), "--listen", "0.0.0.0")
    try:
        assert info is not None
        conn = psycopg2.connect(host="127.0.0.1", port=info["pg"]["port"], user="postgres",
                                dbname="postgres")
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_health_probe_answers_and_fails_when_down():
    server = start_server()
    try:
        ok = run_cli("health", "--http-port", str(server.http_port))
        assert ok.returncode == 0, ok.stderr
        body = json.loads(ok.stdout)
        assert body["status"] == "ok"
        assert body["mode"] == "memory"
    finally:
        server.stop()
    down = run_cli("health", "--http-port", str(server.http_port), "--timeout-ms", "2000")
    assert down.returncode == 1
    assert "health:" in down.stderr
