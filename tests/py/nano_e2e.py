"""Helpers for the Python end-to-end tests of the heliosdb-nano binary.

(A uniquely named module: `conftest` is ambiguous when pytest collects
tests/py and fixtures/pytest/tests in one run.)

Binary: $NANO_BIN, default build/release/cli/heliosdb-nano.

start_server(args) spawns `heliosdb-nano start --memory --port 0 --http-port 0
--ready-fd N --exit-with-parent ...` and blocks on the pipe until the server
writes its ready JSON (no sleeps, no polling, no port guessing).
wait_for_file(path) blocks on inotify until a file appears (for --ready-file).
"""
import ctypes
import ctypes.util
import json
import os
import select
import signal
import socket
import struct
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NANO_BIN = os.environ.get("NANO_BIN") or os.path.join(ROOT, "build", "release", "cli", "heliosdb-nano")
READY_TIMEOUT_S = 15


class NanoServer:
    """A running heliosdb-nano started by start_server()."""

    def __init__(self, proc, info, log_path):
        self.proc = proc
        self.info = info
        self.log_path = log_path
        self.port = info["pg"]["port"]
        self.host = info["pg"]["host"]
        self.http_port = info["http"]["port"] if info["http"] else None
        self.url = info["url"]

    def dsn(self, **kw):
        params = {"host": self.host, "port": self.port, "user": "postgres", "dbname": "postgres"}
        params.update(kw)
        return " ".join(f"{k}={v}" for k, v in params.items())

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Signals the server and returns its exit code (bounded wait)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)


def read_ready_line(fd, timeout_s=READY_TIMEOUT_S):
    """Blocks on the pipe until a full JSON line or EOF arrives."""
    data = b""
    deadline = time.monotonic() + timeout_s
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("server did not report ready in time")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            break  # EOF: the server exited or closed the descriptor
        data += chunk
    return data.decode()


def start_server(args=(), memory=True, extra_env=None, exit_with_parent=True):
    """Starts a server on OS-chosen ports; returns a NanoServer once ready."""
    r, w = os.pipe()
    log = tempfile.NamedTemporaryFile(prefix="nano-", suffix=".log", delete=False)
    cmd = [NANO_BIN, "start"]
    if memory:
        cmd.append("--memory")
    cmd += ["--port", "0", "--ready-fd", str(w)]
    if "--no-http" not in args and "--http-port" not in args:
        cmd += ["--http-port", "0"]
    if exit_with_parent:
        cmd.append("--exit-with-parent")
    cmd += list(args)
    env = dict(os.environ)
    env.update(extra_env or {})
    proc = subprocess.Popen(cmd, pass_fds=(w,), stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env)
    os.close(w)
    try:
        line = read_ready_line(r)
    finally:
        os.close(r)
    if not line:
        proc.wait(timeout=10)
        with open(log.name, encoding="utf-8", errors="replace") as f:
            raise RuntimeError(f"server failed to start (exit {proc.returncode}): {f.read()}")
    return NanoServer(proc, json.loads(line), log.name)


def run_cli(*args, timeout=30, **kw):
    """Runs heliosdb-nano with args; returns CompletedProcess (text)."""
    return subprocess.run([NANO_BIN, *args], capture_output=True, text=True, timeout=timeout, **kw)


# --- inotify (Linux) ---------------------------------------------------------
_IN_CREATE = 0x100
_IN_MOVED_TO = 0x80
_IN_CLOSE_WRITE = 0x8
_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def wait_for_file(path, timeout_s=READY_TIMEOUT_S):
    """Blocks (inotify, no polling) until `path` exists; returns its contents."""
    directory = os.path.dirname(os.path.abspath(path)) or "."
    fd = _libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1")
    try:
        if _libc.inotify_add_watch(fd, directory.encode(), _IN_CREATE | _IN_MOVED_TO | _IN_CLOSE_WRITE) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")
        deadline = time.monotonic() + timeout_s
        # Checked after the watch exists, so a file created meanwhile is seen.
        while not os.path.exists(path):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{path} did not appear")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                os.read(fd, 65536)
        with open(path, encoding="utf-8") as f:
            return f.read()
    finally:
        os.close(fd)


# --- raw protocol helpers (fuzz and lifecycle tests) ---------------------------


def startup_packet(user="postgres", database=None, protocol=196608):
    body = struct.pack("!i", protocol) + b"user\x00" + user.encode() + b"\x00"
    if database:
        body += b"database\x00" + database.encode() + b"\x00"
    body += b"\x00"
    return struct.pack("!i", len(body) + 4) + body


def message(type_byte, body=b""):
    return type_byte + struct.pack("!i", len(body) + 4) + body


def read_messages(sock, until=b"Z", timeout_s=20):
    """Reads messages up to and including type `until` (None: to EOF), or until EOF."""
    sock.settimeout(timeout_s)
    msgs = []
    buf = b""
    while True:
        while len(buf) >= 5:
            (length,) = struct.unpack("!i", buf[1:5])
            if len(buf) < 1 + length:
                break
            t, body, buf = buf[0:1].decode("latin-1"), buf[5:1 + length], buf[1 + length:]
            msgs.append((t, body))
            if until is not None and t == until.decode():
                return msgs
        chunk = sock.recv(65536)
        if not chunk:
            return msgs
        buf += chunk


def error_fields(body):
    fields = {}
    for part in body.split(b"\x00"):
        if part:
            fields[chr(part[0])] = part[1:].decode("utf-8", errors="replace")
    return fields


def raw_connect(port, user="postgres", database=None):
    """A raw socket past startup (ReadyForQuery seen)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    s.sendall(startup_packet(user, database))
    msgs = read_messages(s)
    assert msgs and msgs[-1][0] == "Z", msgs
    return s
