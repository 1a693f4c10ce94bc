"""heliosdb-nano command line: exit codes, messages, ready JSON, lifecycle."""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import psycopg2
import pytest

from nano_e2e import (NANO_BIN, error_fields, raw_connect, read_messages, read_ready_line, run_cli,
                      start_server, wait_for_file)


# --- usage and runtime errors -------------------------------------------------

@pytest.mark.parametrize(
    "args, code, message",
    [
        (["start"], 2, "Either --data-dir or --memory must be specified"),
        (["start", "--memory", "--data-dir", "/tmp/x"], 2, "--data-dir and --memory are mutually exclusive"),
        (["repl"], 2, "Either --data-dir or --memory must be specified"),
        (["repl", "--memory", "--data-dir", "/tmp/x"], 2, "--data-dir and --memory are mutually exclusive"),
        (["dump", "--memory"], 1, "Cannot dump from in-memory database without data directory"),
        (["dump"], 2, "Either --data-dir or --memory must be specified"),
        (["start", "--memory", "--mysql"], 1, "MySQL wire protocol is not available in this build"),
        (["start", "--memory", "--auth", "md5"], 2, "--auth md5 requires --password or --password-file"),
        (["start", "--memory", "--auth", "scram-sha-256"], 2,
         "--auth scram-sha-256 requires --password or --password-file"),
        (["start", "--memory", "--auth", "password"], 2, "--auth password requires --password or --password-file"),
        (["start", "--memory", "--auth", "ldap"], 2, "--auth: ldap not in {trust,password,md5,scram-sha-256}"),
        (["start", "--memory", "--password", "a", "--password-file", "/etc/hostname"], 2,
         "--password and --password-file are mutually exclusive"),
        (["start", "--memory", "--max-memory", "12XB"], 2,
         'invalid --max-memory value "12XB": expected a size such as 512MB or 4GB'),
        (["start", "--memory", "--ready-fd", "987"], 2, "--ready-fd 987 is not an open file descriptor"),
        (["start", "--memory", "--port", "70000"], 2, None),
        (["start", "--memory", "--restore", "x.heliodump"], 1,
         'cannot read dump "x.heliodump": No such file or directory'),
        (["start", "--memory", "--auth", "md5", "--password-file", "/nonexistent/pw"], 1,
         'could not read password file "/nonexistent/pw": No such file or directory'),
        (["restore", "--input", "/nonexistent/a", "--target", "/nonexistent/b"], 1,
         'restore failed: could not open dump "/nonexistent/a": No such file or directory'),
        (["restore"], 2, None),
        ([], 2, "A subcommand is required"),
        (["frobnicate"], 2, None),
    ],
)
def test_cli_errors(args, code, message):
    r = run_cli(*args)
    assert r.returncode == code, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr  # one clear line
    if message is not None:
        assert lines[0] == message
    assert r.stdout == ""


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0
    assert "start" in r.stdout and "repl" in r.stdout
    r = run_cli("start", "--help")
    assert r.returncode == 0 and "--ready-fd" in r.stdout
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.strip()


def test_port_in_use_is_runtime_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("start", "--memory", "--port", str(port), "--no-http")
        assert r.returncode == 1
        assert r.stderr.strip() == f"could not bind 127.0.0.1:{port}: Address already in use"


def test_http_port_in_use_is_runtime_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("start", "--memory", "--port", "0", "--http-port", str(port))
        assert r.returncode == 1
        assert r.stderr.strip() == f"could not bind 127.0.0.1:{port}: Address already in use"


def test_status_and_stop_without_server(tmp_path):
    pid_file = str(tmp_path / "none.pid")
    r = run_cli("status", "--pid-file", pid_file)
    assert r.returncode == 3
    assert r.stdout.strip() == "no server running"
    r = run_cli("stop", "--pid-file", pid_file)
    assert r.returncode == 1
    assert "no server running" in r.stderr


# --- ready notification -------------------------------------------------------

def test_ready_fd_json_shape(server):
    info = server.info
    assert list(info.keys())[:6] == ["pid", "mode", "pg", "http", "mysql", "url"]
    assert info["pid"] == server.proc.pid
    assert info["mode"] == "memory"
    assert info["pg"]["host"] == "127.0.0.1"
    assert info["pg"]["port"] > 0 and info["http"]["port"] > 0
    assert info["pg"]["port"] != info["http"]["port"]
    assert info["mysql"] is None
    assert info["url"] == f"postgresql://postgres@127.0.0.1:{info['pg']['port']}/postgres"
    conn = psycopg2.connect(info["url"])
    cur = conn.cursor()
    cur.execute("SELECT 1")
    assert cur.fetchone() == (1,)
    conn.close()


def test_ready_fd_is_closed_after_json():
    r, w = os.pipe()
    proc = subprocess.Popen([NANO_BIN, "start", "--memory", "-p", "0", "--no-http", "--ready-fd", str(w),
                             "--exit-with-parent"], pass_fds=(w,), stderr=subprocess.DEVNULL)
    os.close(w)
    try:
        line = read_ready_line(r)
        assert json.loads(line)["http"] is None
        assert line.endswith("\n") and line.count("\n") == 1
        # The server closed its end: the next read is EOF, not a block.
        assert os.read(r, 10) == b""
    finally:
        os.close(r)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_ready_file_written_atomically(tmp_path):
    ready = tmp_path / "ready.json"
    proc = subprocess.Popen([NANO_BIN, "start", "--memory", "-p", "0", "--http-port", "0", "--ready-file",
                             str(ready), "--exit-with-parent"], stderr=subprocess.PIPE, text=True)
    try:
        text = wait_for_file(str(ready))
        info = json.loads(text)
        assert text.endswith("\n")
        assert info["pid"] == proc.pid
        assert not [p for p in os.listdir(tmp_path) if ".tmp." in p]
        conn = psycopg2.connect(host="127.0.0.1", port=info["pg"]["port"], user="postgres", dbname="postgres")
        conn.close()
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    assert "listening on postgresql://postgres@127.0.0.1:" in proc.stderr.read()


def test_banner_on_stderr_not_stdout():
    s = start_server()
    try:
        assert s.proc.poll() is None
    finally:
        assert s.stop() == 0
    log = s.log()
    assert "HeliosDB Nano" in log and "(memory mode) listening on " + s.url in log


# --- HTTP ---------------------------------------------------------------------

def test_health_endpoint(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/health", timeout=10) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "application/json"
        body = json.loads(resp.read())
    assert body["status"] == "ok"
    assert body["mode"] == "memory"
    assert isinstance(body["uptime_ms"], int) and body["uptime_ms"] >= 0
    assert body["version"]
    conn = psycopg2.connect(server.url)
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/health", timeout=10) as resp:
        assert json.loads(resp.read())["connections"] == 1
    conn.close()


def test_http_unknown_path_is_404_json(server):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/nope", timeout=10)
    assert e.value.code == 404
    assert json.loads(e.value.read()) == {"error": "not found"}


# --- lifecycle ----------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_graceful_shutdown_terminates_idle_clients(sig):
    s = start_server()
    raw = raw_connect(s.port)
    conn = psycopg2.connect(s.url)
    assert s.stop(sig) == 0
    # The idle client is told why (FATAL 57P01) before the socket closes.
    msgs = read_messages(raw)
    assert [m[0] for m in msgs] == ["E"]
    fields = error_fields(msgs[0][1])
    assert fields["S"] == "FATAL" and fields["C"] == "57P01"
    assert fields["M"] == "terminating connection due to administrator command"
    raw.close()
    with pytest.raises(psycopg2.OperationalError):
        conn.cursor().execute("SELECT 1")
    assert "shutting down" in s.log()


def test_daemon_then_immediate_psql_and_stop(tmp_path):
    pid_file = str(tmp_path / "nano.pid")
    log_file = str(tmp_path / "nano.log")
    with socket.socket() as probe:  # find a free port for the daemon
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    r = run_cli("start", "--memory", "--port", str(port), "--no-http", "--daemon", "--pid-file", pid_file,
                "--log-file", log_file)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        q = subprocess.run(["psql", r.stdout.strip(), "-Atc", "SELECT 1"], capture_output=True, text=True,
                           timeout=30)
        assert q.returncode == 0, q.stderr
        assert q.stdout.strip() == "1"
        st = run_cli("status", "--pid-file", pid_file)
        assert st.returncode == 0
        assert "server is running" in st.stdout
    finally:
        stop = run_cli("stop", "--pid-file", pid_file)
    assert stop.returncode == 0, stop.stderr
    assert not os.path.exists(pid_file)
    assert run_cli("status", "--pid-file", pid_file).returncode == 3
    with open(log_file) as f:
        assert "listening on" in f.read()


def test_daemon_failure_is_reported(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("start", "--memory", "--port", str(port), "--no-http", "--daemon", "--pid-file",
                    str(tmp_path / "p.pid"))
    assert r.returncode == 1
    assert r.stderr.strip() == f"could not bind 127.0.0.1:{port}: Address already in use"


PARENT_SCRIPT = r"""
import os, subprocess, sys
r, w = os.pipe()
p = subprocess.Popen([sys.argv[1], "start", "--memory", "-p", "0", "--no-http", "--ready-fd", str(w),
                      "--exit-with-parent"], pass_fds=(w,), stderr=subprocess.DEVNULL)
os.close(w)
line = b""
while not line.endswith(b"\n"):
    chunk = os.read(r, 4096)
    if not chunk:
        break
    line += chunk
print(p.pid, flush=True)
os.read(0, 1)  # block until killed
"""


def test_exit_with_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT_SCRIPT, NANO_BIN], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    server_pid = int(parent.stdout.readline())
    pidfd = os.pidfd_open(server_pid)
    try:
        parent.kill()  # SIGKILL: no chance to clean up
        parent.wait(timeout=10)
        import select
        ready, _, _ = select.select([pidfd], [], [], 20)
        assert ready, "server outlived its parent"
    finally:
        os.close(pidfd)


def test_card_pytest_fixture_example(tmp_path):
    """The reference card's fixture, with the port taken from the ready file."""
    ready = str(tmp_path / "ready.json")
    p = subprocess.Popen([NANO_BIN, "start", "--memory", "--auth", "trust", "--port", "0", "--http-port", "0",
                          "--ready-file", ready, "--exit-with-parent"], stderr=subprocess.DEVNULL)
    try:
        info = json.loads(wait_for_file(ready))
        db = psycopg2.connect(f"postgresql://postgres@127.0.0.1:{info['pg']['port']}/postgres")
        cur = db.cursor()
        cur.execute("CREATE TABLE t (id INT, name TEXT)")
        cur.execute("INSERT INTO t VALUES (1, 'x')")
        cur.execute("SELECT count(*) FROM t")
        assert cur.fetchone()[0] == 1
        db.close()
    finally:
        p.terminate()
        assert p.wait(timeout=20) == 0


def test_disk_mode_survives_restart(tmp_path):
    data = str(tmp_path / "data")
    s = start_server(["--data-dir", data], memory=False)
    assert s.info["mode"] == "disk"
    conn = psycopg2.connect(s.url)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE kept (a INT)")
    cur.execute("INSERT INTO kept VALUES (7)")
    conn.close()
    assert s.stop() == 0
    s = start_server(["--data-dir", data], memory=False)
    try:
        conn = psycopg2.connect(s.url)
        cur = conn.cursor()
        cur.execute("SELECT a FROM kept")
        assert cur.fetchall() == [(7,)]
        conn.close()
    finally:
        assert s.stop() == 0
